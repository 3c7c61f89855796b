// Words per day over the last year as an SVG calendar (weeks across, weekdays down).

import { type DayWords } from "../../ipc";
import { formatDate, formatNumber, t } from "../../i18n";
import { layout } from "./heatmap";

const SIZE = 11;
const GAP = 2;

export function Heatmap({ days, streakDates }: { days: DayWords[]; streakDates: Set<string> }) {
  const { cells, weeks } = layout(days);
  const width = weeks * (SIZE + GAP);
  const height = 7 * (SIZE + GAP);
  return (
    <figure className="heatmap" data-testid="stats-heatmap">
      <figcaption>{t("stats.heatmap")}</figcaption>
      <svg
        role="img"
        aria-label={t("stats.heatmap")}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
      >
        {cells.map((c) => (
          <rect
            key={c.date}
            x={c.col * (SIZE + GAP)}
            y={c.row * (SIZE + GAP)}
            width={SIZE}
            height={SIZE}
            rx={2}
            className={`heat-${c.level}${streakDates.has(c.date) ? " heat-streak" : ""}`}
            data-date={c.date}
            data-words={c.words}
          >
            <title>{t("stats.dayCell", { date: formatDate(c.date), words: formatNumber(c.words) })}</title>
          </rect>
        ))}
      </svg>
      <div className="heatmap-legend" aria-hidden="true">
        {t("stats.less")}
        {[0, 1, 2, 3, 4].map((l) => (
          <svg key={l} width={SIZE} height={SIZE}>
            <rect width={SIZE} height={SIZE} rx={2} className={`heat-${l}`} />
          </svg>
        ))}
        {t("stats.more")}
      </div>
    </figure>
  );
}
