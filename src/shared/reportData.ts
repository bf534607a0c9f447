// The standalone report (`lth report`) embeds its runs in the page as
// <script type="application/json" id=REPORT_DATA_ELEMENT_ID> holding one snapshot message;
// the panel bundle looks for that element when there is no VS Code host.
export const REPORT_DATA_ELEMENT_ID = 'lth-report-data';
