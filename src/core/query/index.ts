/** The host-side query engine of the inspector: a columnar index over a session's records and filtered views. */
export { RecordIndex, type RecordSource } from './recordIndex';
export { RecordView, findPositionBySeq, type SetQueryResult, type ViewRange } from './recordView';
export { compileQuery, matchesQuery, searchableText, kindGroupOf, KIND_GROUPS, type KindGroup, type RecordQuery, type CompiledQuery } from './recordQuery';
export { parseFilterText, type TextFilter, type FieldFilter, type FieldOperator } from './filterSyntax';
