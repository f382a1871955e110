// Reads .ics files with ical.js (Mozilla's parser, not Python) and prints, as JSON, the UTC
// start and end of every VEVENT, computed from the VTIMEZONE blocks embedded in each file.
// Usage: node tests/ical_utc.mjs file1.ics [file2.ics …]
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

function utc(vevent, name, time) {
  if (!time) return null;
  if (time.isDate) return { date: time.toString() };
  const tzid = vevent.getFirstProperty(name).getParameter('tzid');
  // a TZID that the file does not define falls back to floating time: refuse it
  if (tzid && (!time.zone || time.zone.tzid !== tzid)) throw new Error(`VTIMEZONE ${tzid} absent`);
  return { utc: new Date(time.toUnixTime() * 1000).toISOString().replace('.000Z', 'Z'), tzid };
}

const out = {};
for (const path of process.argv.slice(2)) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(path, 'utf8')));
  out[path] = root.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return { uid: event.uid, start: utc(vevent, 'dtstart', event.startDate),
             end: vevent.hasProperty('dtend') ? utc(vevent, 'dtend', event.endDate) : null,
             status: vevent.getFirstPropertyValue('status') };
  });
}
process.stdout.write(JSON.stringify(out, null, 1));
