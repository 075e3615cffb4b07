import { useEffect, useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { storageEstimate } from '../../storage/persistence';
import { storageActivity } from '../../storage/queries';
import './storageMeter.css';

/** Past this share of the quota the meter warns. */
export const STORAGE_WARN_RATIO = 0.8;

const UNITS = ['kB', 'MB', 'GB', 'TB'];

/** 12_345_678 → "12.3 MB" (decimal units, as disks and browsers count). */
function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${Math.round(bytes)} bytes`;
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value < 100 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

/**
 * How much of this browser's storage Warrant uses, and how much it may use,
 * for the map list. Asks the browser again whenever maps or the trash
 * change. Renders nothing where the browser does not say.
 */
export function StorageMeter() {
  const activity = useLiveQuery(() => storageActivity(), []);
  const [estimate, setEstimate] = useState<{ usage: number; quota: number } | null>(null);
  const id = useId();

  useEffect(() => {
    let live = true;
    void storageEstimate().then((e) => {
      if (live) setEstimate(e);
    });
    return () => {
      live = false;
    };
  }, [activity]);

  if (!estimate || estimate.quota <= 0) return null;
  const { usage, quota } = estimate;
  const ratio = usage / quota;
  const percent = Math.min(100, Math.round(ratio * 100));
  return (
    <div className="storage-meter">
      <p>
        <label htmlFor={id}>Storage used</label>{' '}
        <meter id={id} min={0} max={quota} value={Math.min(usage, quota)} low={quota * 0.6} high={quota * STORAGE_WARN_RATIO} optimum={0}>
          {percent}%
        </meter>{' '}
        <span className="storage-meter-text">
          {formatBytes(usage)} used of {formatBytes(quota)}
        </span>
      </p>
      {ratio > STORAGE_WARN_RATIO && (
        <p className="storage-warning">
          Storage is almost full ({percent}% used). Export the maps you no longer need, delete them and empty the Trash, or
          new changes will not be saved.
        </p>
      )}
    </div>
  );
}
