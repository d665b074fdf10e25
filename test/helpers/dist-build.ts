/** Fail a test that runs worker threads when jest's global setup could not build dist/ (workers and bin/starttls.js would run stale code). */
export function assertDistBuilt(): void {
  const error = process.env.STARTTLS_DIST_BUILD_ERROR;
  if (error) throw new Error(`dist/ could not be built, so worker threads and the CLI would run stale code:\n${error}`);
}
