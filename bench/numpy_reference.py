"""A straightforward vectorized NumPy implementation of LTH Lab's teacher-student training,
the baseline that `npm run bench` compares the TypeScript/WebAssembly core against.

Same model, algorithm and work as the core (paper.md sections 1-3): sparse unit-norm teacher,
accurate student mask, Gaussian inputs, init near W*, full-batch heavy-ball gradient descent
for a fixed number of iterations, generalization error on a test set drawn once and shared by
every training (as the core shares one test set per experiment, drawn once per worker). It is
written the way a NumPy user would write it: dense K x d weights with the mask multiplied in, and
matrix products through BLAS. Random streams differ from the core's, so numbers agree in
distribution, not bit for bit; the work per training is the same.

Reads a JSON job on stdin, prints a JSON result on stdout:
  job    = {"inputDim", "hiddenUnits", "iterations", "stepSize", "momentum", "initDistance",
            "testSamples", "seed", "trainings": [{"samples", "nonzerosPerNeuron"}, ...]}
  result = {"seconds", "descentSeconds", "trainings", "medianRelativeError", "relativeErrors": [...],
            "numpy", "blas": {"coreName", "config", "threads"} or null, "peakRssBytes"}
"seconds" is the test set and the loop over trainings (not the interpreter start or the numpy
import); "descentSeconds" only the gradient-descent iterations.
"""
import ctypes
import json
import resource
import sys
import time

import numpy as np


def train_one(rng, d, k, r, n, job, test_inputs):
    # Teacher: r random positions per neuron, Gaussian values scaled to unit row norm.
    mask = np.zeros((k, d))
    for row in range(k):
        mask[row, rng.choice(d, size=r, replace=False)] = 1.0
    teacher = rng.standard_normal((k, d)) * mask
    teacher /= np.linalg.norm(teacher, axis=1, keepdims=True)

    def network(weights, inputs):
        return np.maximum(inputs @ weights.T, 0.0).mean(axis=1)

    inputs = rng.standard_normal((n, d))
    labels = network(teacher, inputs)

    # Init near W*: a masked Gaussian perturbation of relative Frobenius size initDistance.
    perturbation = rng.standard_normal((k, d)) * mask
    perturbation *= job["initDistance"] * np.linalg.norm(teacher) / np.linalg.norm(perturbation)
    weights = teacher + perturbation
    previous = weights.copy()

    eta, beta = job["stepSize"], job["momentum"]
    descent_started = time.perf_counter()
    for _ in range(job["iterations"]):
        preactivations = inputs @ weights.T
        residuals = np.maximum(preactivations, 0.0).mean(axis=1) - labels
        gradient = ((residuals[:, None] * (preactivations > 0)).T @ inputs) / (n * k)
        weights, previous = weights - eta * mask * gradient + beta * (weights - previous), weights
    descent_seconds = time.perf_counter() - descent_started

    generalization_error = np.mean((network(weights, test_inputs) - network(teacher, test_inputs)) ** 2)
    relative_error = np.linalg.norm(weights - teacher) / np.linalg.norm(teacher)
    return float(relative_error), float(generalization_error), descent_seconds


def blas_info():
    """Which OpenBLAS numpy runs on (core type and threads), or None for another BLAS."""
    try:
        blas = ctypes.CDLL("libblas.so.3")  # the library numpy already loaded (same soname)
        blas.openblas_get_corename.restype = ctypes.c_char_p
        blas.openblas_get_config.restype = ctypes.c_char_p
        return {
            "coreName": blas.openblas_get_corename().decode(),
            "config": blas.openblas_get_config().decode(),
            "threads": blas.openblas_get_num_threads(),
        }
    except (OSError, AttributeError):
        return None


def main():
    job = json.load(sys.stdin)
    rng = np.random.default_rng(job["seed"])
    started = time.perf_counter()
    test_inputs = rng.standard_normal((job["testSamples"], job["inputDim"]))
    relative_errors = []
    descent_seconds = 0.0
    for training in job["trainings"]:
        relative_error, _, training_descent_seconds = train_one(
            rng, job["inputDim"], job["hiddenUnits"], training["nonzerosPerNeuron"], training["samples"], job, test_inputs
        )
        relative_errors.append(relative_error)
        descent_seconds += training_descent_seconds
    seconds = time.perf_counter() - started
    json.dump(
        {
            "seconds": seconds,
            "descentSeconds": descent_seconds,
            "trainings": len(relative_errors),
            "medianRelativeError": float(np.median(relative_errors)),
            "relativeErrors": relative_errors,
            "numpy": np.__version__,
            "blas": blas_info(),
            # ru_maxrss is in KiB on Linux.
            "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
