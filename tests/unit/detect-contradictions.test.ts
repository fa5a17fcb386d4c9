import { afterAll, describe, expect, it } from 'vitest';
import { cleanProjects } from '../helpers/project.js';
import { claimsYaml, evidenceYaml, loadWorld } from '../helpers/world.js';

afterAll(cleanProjects);

const NO_CLAIMS = claimsYaml();

describe('detectContradictions', () => {
  it('pairs values for one subject and measure that differ, after converting units, at overlapping or no dates', async () => {
    const quantity = (id: string, value: number, unit: string, extra = '') => `id: ${id}
source: outlet-d
kind: quantity
subject: donald-trump
measure: delay-after-message
counterpart: wikileaks
value: ${value}
unit: ${unit}
quote: words
${extra}`;
    const project = await loadWorld(
      evidenceYaml(
        quantity('fifteen', 15, 'minutes'),
        quantity('quarter-hour', 0.25, 'hours'),
        quantity('twenty', 20, 'minutes'),
        quantity('in-2015', 30, 'minutes', 'date: "2015"'),
        quantity('in-2016', 40, 'minutes', 'date: "2016"'),
      ),
      NO_CLAIMS,
    );
    expect(project.contradictions).toEqual([
      { kind: 'value', records: ['fifteen', 'in-2015'] },
      { kind: 'value', records: ['fifteen', 'in-2016'] },
      { kind: 'value', records: ['fifteen', 'twenty'] },
      { kind: 'value', records: ['in-2015', 'quarter-hour'] },
      { kind: 'value', records: ['in-2015', 'twenty'] },
      { kind: 'value', records: ['in-2016', 'quarter-hour'] },
      { kind: 'value', records: ['in-2016', 'twenty'] },
      { kind: 'value', records: ['quarter-hour', 'twenty'] },
    ]);
    // 15 minutes and a quarter of an hour agree; 2015 and 2016 are different times.
  });

  it('pairs records of one occurrence whose dates cannot both be true', async () => {
    const event = (id: string, date: string, occurrence = 'the-tweet') => `id: ${id}
source: outlet-d
kind: event
actor: donald-trump-jr
action: share-link
date: ${date}
occurrence: ${occurrence}
quote: words`;
    const project = await loadWorld(
      evidenceYaml(
        event('on-14th', '"2016-10-14"'),
        event('in-october', '"2016-10"'),
        event('on-20th', '"2016-10-20"'),
        event('other-tweet', '"2016-11-01"', 'another-tweet'),
      ),
      NO_CLAIMS,
    );
    expect(project.contradictions).toEqual([{ kind: 'date', records: ['on-14th', 'on-20th'] }]);
  });

  it('pairs an event dated outside a window stated as complete, and only then', async () => {
    const event = (id: string, date: string) => `id: ${id}
source: outlet-d
kind: event
actor: donald-trump-jr
action: message
target: wikileaks
mutual: true
date: ${date}
quote: words`;
    const project = await loadWorld(
      evidenceYaml(
        event('complete-window', '{ from: "2016-09-20", to: "2016-10-12", complete: true }'),
        event('open-window', '{ from: "2016-09-20", to: "2016-10-12" }'),
        event('inside', '"2016-10-01"'),
        event('outside', '"2016-11-08"'),
      ),
      NO_CLAIMS,
    );
    expect(project.contradictions).toEqual([{ kind: 'window', records: ['complete-window', 'outside'] }]);
  });

  it('reports two disjoint complete windows once, not once from each side', async () => {
    const window = (id: string, from: string, to: string) => `id: ${id}
source: outlet-d
kind: event
actor: donald-trump-jr
action: message
target: wikileaks
date: { from: "${from}", to: "${to}", complete: true }
quote: words`;
    const project = await loadWorld(evidenceYaml(window('window-2016', '2016-09-20', '2016-10-12'), window('window-2017', '2017-01-01', '2017-02-01')), NO_CLAIMS);
    expect(project.contradictions).toHaveLength(1);
  });
});
