/**
 * A button's words that give way to a shorter word where the header is
 * narrow (app.css: `.label-full` / `.label-short`). The full words stay the
 * button's accessible name, and the short word is part of them, so what a
 * sighted user reads is what a voice user says.
 */
export function TightLabel({ full, short }: { full: string; short: string }) {
  return (
    <>
      <span className="label-full">{full}</span>
      <span className="label-short" aria-hidden="true">
        {short}
      </span>
    </>
  );
}
