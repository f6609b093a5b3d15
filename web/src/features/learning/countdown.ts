import { useEffect, useState } from 'react';

/** Whole seconds until `deadline` (ISO), ticking every second; 0 once it has passed. */
export function useSecondsLeft(deadline: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  return Math.max(0, Math.ceil((Date.parse(deadline) - now) / 1000));
}
