// Today's date in the writer's zone, moving on at their midnight (a window left open
// overnight shows the new day's "On this day").

import { useEffect, useState } from "react";
import { localDay, untilNextDay } from "./dates";

export function useToday(): string {
  const [today, setToday] = useState(() => localDay(new Date()));
  useEffect(() => {
    const timer = setTimeout(() => setToday(localDay(new Date())), untilNextDay(new Date()));
    return () => clearTimeout(timer);
  }, [today]);
  return today;
}
