import Link from "next/link";

/** Inside the shell (an unknown model, say): the shell already has the <main>. */
export default function NotFound() {
  return (
    <section aria-labelledby="not-found-title">
      <h1 id="not-found-title">Not found</h1>
      <p>There is nothing at this address.</p>
      <p>
        <Link href="/">Back to the models</Link>
      </p>
    </section>
  );
}
