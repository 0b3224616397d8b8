/** A version number as "v3", or a dash that screen readers announce as "none". */
export function VersionCell({ version }: { version: number | null }) {
  if (version === null) {
    return (
      <>
        <span aria-hidden="true" className="muted">
          —
        </span>
        <span className="visually-hidden">none</span>
      </>
    );
  }
  return <>v{version}</>;
}
