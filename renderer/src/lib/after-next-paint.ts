/**
 * Runs `work` in a task of its own after the browser has produced its next frame, so an edit's own frame is not
 * held back by work whose result may show a frame later. Returns a cancel: a newer edit replaces the pending run.
 * A hidden window or tab gets no animation frames, so `fallbackMs` runs it anyway.
 */
export function afterNextPaint(work: () => void, fallbackMs = 100): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    cancel();
    work();
  };
  const fallback = setTimeout(run, fallbackMs);
  const frame = requestAnimationFrame(() => {
    clearTimeout(fallback);
    timer = setTimeout(run, 0);
  });
  function cancel(): void {
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    if (timer !== undefined) clearTimeout(timer);
  }
  return cancel;
}
