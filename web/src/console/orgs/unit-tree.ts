import type { Unit } from '../../shared/api-types';

export interface UnitNode {
  key: string;
  value: string;
  title: string;
  children: UnitNode[];
}

/** The internal units 内设机构 of an organisation as a tree (units with an unknown parent become roots). */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const ids = new Set(units.map((unit) => unit.id));
  const byParent = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentUnitId && ids.has(unit.parentUnitId) ? unit.parentUnitId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), unit]);
  }
  const seen = new Set<string>();
  const build = (parent: string | null): UnitNode[] =>
    (byParent.get(parent) ?? [])
      .filter((unit) => !seen.has(unit.id) && seen.add(unit.id))
      .map((unit) => ({ key: unit.id, value: unit.id, title: unit.name, children: build(unit.id) }));
  return build(null);
}
