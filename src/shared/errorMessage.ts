// What to print of anything thrown. `catch (error)` gives `unknown`, and a cast to Error is
// wrong for thrown strings or objects (and `(null as Error).message` throws again).

/** The message of an Error (without the "Error: " prefix), else the thrown value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** For logs that need to find the cause: the stack of an Error (it starts with the message), else errorMessage. */
export function errorStack(error: unknown): string {
  return error instanceof Error && error.stack ? error.stack : errorMessage(error);
}
