/** Minimal loading indicator without antd, so the first paint needs no UI library. */
export function PageSpinner() {
  return <div role="progressbar" aria-busy="true" style={{ minHeight: 240 }} />;
}
