-- The negative oracle (tests/analyze/test_reject_oracle.cpp): every query is PREPAREd on
-- PostgreSQL 15 and analyzed by sqlgen; sqlgen must reject exactly the queries PostgreSQL
-- rejects, with the same SQLSTATE and message, at the position PostgreSQL reports. Queries
-- named Ok* are near misses PostgreSQL accepts.

-- family: grouping (aggregates where PostgreSQL forbids them, ungrouped columns)

-- name: GroupJoinNote :many
SELECT b.note, count(*) FROM a JOIN b ON b.a_id = a.id GROUP BY a.id;

-- name: GroupNoGroupBy :many
SELECT id, count(*) FROM a;

-- name: GroupHavingOnly :many
SELECT name FROM a HAVING count(*) > 1;

-- name: GroupHavingCol :many
SELECT count(*) FROM a GROUP BY name HAVING id > 1;

-- name: GroupOrderBy :many
SELECT name FROM a GROUP BY name ORDER BY id;

-- name: GroupOrderByAfterAgg :many
SELECT created, count(*) FROM a GROUP BY created ORDER BY name;

-- name: GroupWrongExpr :many
SELECT upper(name) FROM a GROUP BY lower(name);

-- name: GroupPartialKey :many
SELECT label FROM c GROUP BY x;

-- name: GroupUniqueNotPk :many
SELECT v FROM u GROUP BY k;

-- name: GroupViewNoPk :many
SELECT name FROM av GROUP BY id;

-- name: GroupCatalogNotPk :many
SELECT con.condeferrable FROM pg_catalog.pg_constraint con GROUP BY con.conname;

-- name: GroupStar :many
SELECT * FROM b GROUP BY a_id;

-- name: GroupSubqueryOuter :many
SELECT (SELECT a.name) FROM a GROUP BY a.created;

-- name: GroupInCase :many
SELECT CASE WHEN created IS NULL THEN name END FROM a GROUP BY name;

-- name: GroupWindowArg :many
SELECT count(name), row_number() OVER () + id FROM a;

-- name: GroupInCoalesce :many
SELECT coalesce(b.note, 'x'), sum(b.amount) FROM b GROUP BY b.a_id;

-- name: GroupAliasOfOther :many
SELECT id AS name, name AS n FROM a GROUP BY n;

-- name: AggInWhere :many
SELECT id FROM a WHERE count(*) > 1;

-- name: AggInWhereNested :many
SELECT id FROM a WHERE id = 1 AND max(id) > 2;

-- name: AggInJoinOn :many
SELECT a.id FROM a JOIN b ON count(*) > 0;

-- name: AggInGroupBy :many
SELECT count(*) FROM a GROUP BY count(*);

-- name: AggNested :many
SELECT sum(count(*)) FROM a;

-- name: AggNestedDeep :many
SELECT max(length(min(name))) FROM a;

-- name: AggWindowInside :many
SELECT sum(row_number() OVER ()) FROM a;

-- name: WindowInWhere :many
SELECT id FROM a WHERE row_number() OVER () > 1;

-- name: WindowInGroupBy :many
SELECT count(*) FROM a GROUP BY row_number() OVER ();

-- name: WindowInHaving :many
SELECT count(*) FROM a HAVING row_number() OVER () > 1;

-- name: WindowNested :many
SELECT lag(row_number() OVER ()) OVER () FROM a;

-- name: AggInLimit :many
SELECT count(*) FROM a LIMIT count(*);

-- name: AggInUpdateWhere :exec
UPDATE w SET qty = 1 WHERE count(*) > 1;

-- name: AggInDeleteWhere :exec
DELETE FROM w WHERE sum(qty) > 1;

-- name: AggInUpdateSet :exec
UPDATE w SET qty = count(*);

-- name: WindowInUpdateSet :exec
UPDATE w SET qty = row_number() OVER ();

-- name: AggInValues :exec
INSERT INTO w (price, qty) VALUES (count(*), 1);

-- name: AggInReturning :many
DELETE FROM w RETURNING max(id);

-- name: AggInReturningUpdate :many
UPDATE w SET qty = 2 RETURNING sum(qty);

-- name: WindowInReturning :many
INSERT INTO w (price, qty) VALUES (1, 1) RETURNING row_number() OVER ();

-- near misses PostgreSQL accepts

-- name: OkGroupCatalogPk :many
SELECT n.nspname, con.conname, con.condeferrable, count(*)
FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_namespace n ON n.oid = con.connamespace
GROUP BY con.oid, n.nspname;

-- name: OkGroupCatalogCompositePk :many
SELECT a.attname, a.atttypid, count(*) FROM pg_catalog.pg_attribute a GROUP BY a.attrelid, a.attnum;

-- name: OkGroupPkJoin :many
SELECT a.name, count(*) FROM a JOIN b ON b.a_id = a.id GROUP BY a.id;

-- name: OkGroupPkSelf :many
SELECT name, created FROM a GROUP BY id;

-- name: OkGroupPkStar :many
SELECT * FROM a GROUP BY id;

-- name: OkGroupCompositePk :many
SELECT label FROM c GROUP BY x, y;

-- name: OkGroupExpr :many
SELECT lower(name) FROM a GROUP BY lower(name);

-- name: OkGroupExprOfGrouped :many
SELECT lower(name) FROM a GROUP BY name;

-- name: OkGroupAlias :many
SELECT name AS n FROM a GROUP BY n;

-- name: OkGroupPosition :many
SELECT name, count(*) FROM a GROUP BY 1;

-- name: OkGroupQualified :many
SELECT a.name FROM a GROUP BY name;

-- name: OkGroupWindowOverGrouped :many
SELECT name, row_number() OVER () FROM a GROUP BY id;

-- name: OkGroupHavingAgg :many
SELECT name FROM a GROUP BY name HAVING count(*) > 1;

-- name: OkGroupOrderAgg :many
SELECT name FROM a GROUP BY name ORDER BY count(*) DESC;

-- name: OkAggInSubqueryWhere :many
SELECT id FROM a WHERE id IN (SELECT max(a_id) FROM b);

-- name: OkCorrelatedCount :many
SELECT a.id, (SELECT count(*) FROM b WHERE b.a_id = a.id) FROM a;

-- name: OkOuterAggInSubquery :many
SELECT a.id FROM a WHERE EXISTS (SELECT 1 FROM b GROUP BY b.a_id HAVING count(*) > a.id);

-- name: OkAggOfWindowInput :many
SELECT sum(count(*)) OVER () FROM a;

-- name: OkGroupByConst :many
SELECT count(*) FROM a GROUP BY created;

-- name: OkSubqueryGrouped :many
SELECT (SELECT a.name) FROM a GROUP BY a.id;

-- name: OkGroupedOuterRef :many
SELECT a.id, (SELECT concat(max(b.note), a.name) FROM b) FROM a GROUP BY a.id;

-- name: OkAggDistinct :many
SELECT count(DISTINCT name) FROM a;

-- name: OkGroupCaseGrouped :many
SELECT CASE WHEN created IS NULL THEN 0 ELSE 1 END, count(*) FROM a GROUP BY CASE WHEN created IS NULL THEN 0 ELSE 1 END;

-- name: OkHavingNoGroup :many
SELECT count(*) FROM a HAVING count(*) > 0;

-- name: OkReturningSubAgg :many
UPDATE w SET qty = 2 RETURNING (SELECT count(*) FROM a);

-- name: SrfInWhere :many
SELECT id FROM a WHERE generate_series(1, 2) > 1;

-- name: SrfInJoinOn :many
SELECT a.id FROM a JOIN b ON generate_series(1, 2) = b.id;

-- name: SrfInHaving :many
SELECT count(*) FROM a HAVING generate_series(1, 2) > 1;

-- name: SrfInCase :many
SELECT CASE WHEN true THEN generate_series(1, 2) END;

-- name: SrfInCoalesce :many
SELECT coalesce(generate_series(1, 2), 0);

-- name: SrfInAggregate :many
SELECT sum(generate_series(1, 2));

-- name: SrfInWindow :many
SELECT lag(generate_series(1, 2)) OVER ();

-- name: SrfInLimit :many
SELECT id FROM a LIMIT generate_series(1, 2);

-- name: SrfInUpdate :exec
UPDATE a SET id = generate_series(1, 2);

-- name: SrfInReturning :many
DELETE FROM a RETURNING generate_series(1, 2);

-- name: SrfUnnestInWhere :many
SELECT id FROM w WHERE unnest(nums) = 1;

-- name: OkSrfInSelect :many
SELECT generate_series(1, 2) FROM a;

-- name: OkSrfInOrderBy :many
SELECT id FROM a ORDER BY generate_series(1, 2);

-- name: OkSrfInGroupBy :many
SELECT count(*) FROM a GROUP BY generate_series(1, 2);

-- name: OkSrfInInsertValues :exec
INSERT INTO a (id, name) VALUES (generate_series(1, 2), 'x');

-- name: OkSrfInSubquery :many
SELECT id FROM a WHERE id IN (SELECT generate_series(1, 2));

-- name: MoreUngroupedColumn :many
SELECT a_id, note FROM b GROUP BY a_id;

-- name: MoreUngroupedThroughJoin :many
SELECT a.name, count(b.id) FROM a JOIN b ON b.a_id = a.id GROUP BY b.a_id;

-- name: MoreGroupedByOtherColumn :many
SELECT id, count(*) FROM a GROUP BY name;

-- name: MoreHavingUngrouped :many
SELECT count(*) FROM b HAVING note = 'x';

-- name: MoreOrderByUngrouped :many
SELECT a_id FROM b GROUP BY a_id ORDER BY amount;

-- name: MoreNestedAggregate :many
SELECT sum(count(*)) FROM b;

-- name: MoreAggregateInWhere :many
SELECT id FROM b WHERE sum(amount) > 0;

-- name: MoreAggregateInJoinOn :many
SELECT a.id FROM a JOIN b ON count(*) > 0;

-- name: MoreAggregateInGroupBy :many
SELECT count(*) FROM b GROUP BY count(*);

-- name: MoreWindowInWhere :many
SELECT id FROM a WHERE row_number() OVER () > 1;

-- name: MoreWindowInGroupBy :many
SELECT count(*) FROM b GROUP BY row_number() OVER ();

-- name: MoreWindowInHaving :many
SELECT a_id FROM b GROUP BY a_id HAVING rank() OVER () > 1;

-- name: MoreSetReturningInWhere :many
SELECT id FROM a WHERE generate_series(1, 2) > 1;

-- name: MoreAggregateInFilter :many
SELECT count(*) FILTER (WHERE count(*) > 1) FROM b;

-- name: MoreSetReturningInHaving :many
SELECT id FROM a GROUP BY id HAVING generate_series(1, 2) > 0;

-- family: arity

-- name: InsertMoreExprsSelect :exec
INSERT INTO a (id) SELECT 1, 2;

-- name: InsertFewerExprs :exec
INSERT INTO a (id, name) VALUES (1);

-- name: InsertMoreExprs :exec
INSERT INTO a (id) VALUES (1, 'x');

-- name: InsertNoColumnsMore :exec
INSERT INTO a VALUES (1, 'x', '2020-01-01', 4);

-- name: InsertFewerSelect :exec
INSERT INTO a (id, name) SELECT 1;

-- name: InsertValuesLengths :exec
INSERT INTO a (id, name) VALUES (1, 'x'), (2);

-- name: InsertValuesLonger :exec
INSERT INTO a (id, name) VALUES (1, 'x'), (2, 'y', 3);

-- name: InsertMultiMore :exec
INSERT INTO a (id) VALUES (1, 'x'), (2, 'y');

-- name: InsertMultiFewer :exec
INSERT INTO a (id, name, created) VALUES (1, 'x'), (2, 'y');

-- name: ValuesLengths :many
VALUES (1, 2), (3);

-- name: ValuesInFrom :many
SELECT * FROM (VALUES (1, 2), (3, 4, 5)) v;

-- name: UnionCount :many
SELECT id FROM a UNION SELECT id, name FROM a;

-- name: ExceptCount :many
SELECT id, name FROM a EXCEPT SELECT id FROM a;

-- name: IntersectCount :many
SELECT id FROM a INTERSECT SELECT id, name FROM a;

-- name: UnionThree :many
SELECT id FROM a UNION SELECT id FROM a UNION SELECT id, name FROM a;

-- name: UnionParenthesized :many
SELECT id FROM a UNION (SELECT id, name FROM a UNION SELECT id, name FROM a);

-- name: InsertUnionCount :exec
INSERT INTO a (id, name) SELECT id, name FROM a UNION SELECT id FROM a;

-- name: RowCompareLonger :many
SELECT id FROM a WHERE (id, name) = (1, 'x', 3);

-- name: RowInLonger :many
SELECT id FROM a WHERE ROW(id, name) IN (ROW(1, 'x', 2));

-- name: RowDistinctLonger :many
SELECT id FROM a WHERE (id, name) IS DISTINCT FROM (1, 'x', 3);

-- name: RowCompareShorter :many
SELECT id FROM a WHERE (id, name, created) < (1, 'x');

-- name: SubqueryTooMany :many
SELECT id FROM a WHERE id IN (SELECT id, name FROM a);

-- name: InsertTypeMismatch :exec
INSERT INTO a (id, name) SELECT v, 'y' FROM (SELECT 'x' AS v) s;

-- name: InsertTypeMismatchValues :exec
INSERT INTO a (id, name) VALUES (now(), 'x');

-- name: OkInsertDefaultsRest :exec
INSERT INTO a VALUES (1, 'x');

-- name: OkInsertSelectStar :exec
INSERT INTO a SELECT * FROM a;

-- name: OkValuesSameLength :many
VALUES (1, 'x'), (2, 'y');

-- name: OkUnionCounts :many
SELECT id, name FROM a UNION ALL SELECT a_id, note FROM b;

-- name: OkRowCompare :many
SELECT id FROM a WHERE (id, name) > (1, 'x');

-- name: OkInsertNumericToInt :exec
INSERT INTO a (id, name) VALUES (1.5, 'x');

-- name: OkInsertSelectCoerce :exec
INSERT INTO w (price, qty) SELECT qty, sm FROM w;

-- name: MultiSetSubSelectTooNarrow :exec
UPDATE a SET (name, created) = (SELECT note FROM b LIMIT 1);

-- name: MultiSetSubSelectTooWide :exec
UPDATE a SET (name, created) = (SELECT note, current_date, 1 FROM b LIMIT 1);

-- name: MultiSetOneColumnTwoValues :exec
UPDATE a SET (name) = (SELECT note, 1 FROM b LIMIT 1);

-- name: MultiSetSubSelectOnConflict :exec
INSERT INTO a (id, name) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET (name, created) = (SELECT 'y');

-- name: ScalarSubqueryTwoColumns :one
SELECT (SELECT id, name FROM a LIMIT 1);

-- name: ScalarSubqueryTwoColumnsInWhere :many
SELECT id FROM a WHERE id = (SELECT id, name FROM a LIMIT 1);

-- name: ArraySubqueryTwoColumns :one
SELECT ARRAY(SELECT id, name FROM a);

-- name: SetScalarSubqueryTwoColumns :exec
UPDATE a SET name = (SELECT note, amount FROM b LIMIT 1);

-- name: MultiSetSubSelectWrongType :exec
UPDATE a SET (id, name) = (SELECT note, note FROM b LIMIT 1);

-- name: OkMultiSetSubSelectEachColumnType :exec
UPDATE a SET (created, name) = (SELECT current_date, note FROM b WHERE b.a_id = a.id LIMIT 1);

-- name: OkMultiSetOneColumn :exec
UPDATE a SET (name) = (SELECT note FROM b LIMIT 1);

-- name: OkScalarSubquery :one
SELECT (SELECT id FROM a LIMIT 1);

-- name: OkRowSubqueryCompare :many
SELECT id FROM a WHERE (id, name) = (SELECT id, name FROM a LIMIT 1);

-- name: OkMultiSetSubSelectParams :exec
UPDATE a SET (name, created) = (SELECT @name::text, @created::date) WHERE id = @id;

-- name: MoreValuesRowShort :exec
INSERT INTO c (x, y) VALUES (1, 2), (3);

-- name: MoreUnionWidths :many
SELECT id FROM a UNION SELECT id, name FROM a;

-- name: MoreIntersectWidths :many
SELECT id FROM a INTERSECT SELECT id, name FROM a;

-- name: MoreRowCompareLengths :many
SELECT id FROM a WHERE (id, name) = (1, 'x', 2);

-- name: MoreRowInSubqueryTooFew :many
SELECT id FROM a WHERE (id, name) IN (SELECT id FROM a);

-- name: MoreInsertExtraValue :exec
INSERT INTO c (x) VALUES (1, 2);

-- name: MoreInsertSelectShort :exec
INSERT INTO u (k, v) SELECT id FROM a;

-- family: DISTINCT, ORDER BY, GROUP BY positions, LIMIT/OFFSET

-- name: DistinctOrderBy :many
SELECT DISTINCT name FROM a ORDER BY id;

-- name: DistinctOrderByExpr :many
SELECT DISTINCT name FROM a ORDER BY lower(name);

-- name: DistinctOrderByInner :many
SELECT DISTINCT id + 1 FROM a ORDER BY id;

-- name: DistinctOrderAgg :many
SELECT DISTINCT name FROM a GROUP BY name ORDER BY count(*);

-- name: DistinctOnOrder :many
SELECT DISTINCT ON (name) id FROM a ORDER BY id;

-- name: DistinctOnLater :many
SELECT DISTINCT ON (id) id, name FROM a ORDER BY name, id;

-- name: DistinctOnTwo :many
SELECT DISTINCT ON (id, name) id, name FROM a ORDER BY name, created;

-- name: DistinctOnPosition :many
SELECT DISTINCT ON (1) id, name FROM a ORDER BY name;

-- name: OrderByPosition :many
SELECT name FROM a ORDER BY 2;

-- name: OrderByZero :many
SELECT id FROM a ORDER BY 0;

-- name: OrderBySecond :many
SELECT id, name FROM a ORDER BY 3, 1;

-- name: GroupByPosition :many
SELECT name FROM a GROUP BY 2;

-- name: GroupByZero :many
SELECT name FROM a GROUP BY 0;

-- name: UnionOrderByPosition :many
SELECT id FROM a UNION SELECT id FROM a ORDER BY 2;

-- name: UnionOrderByName :many
SELECT id FROM a UNION SELECT id FROM a ORDER BY name;

-- name: UnionOrderByExpr :many
SELECT id FROM a UNION SELECT id FROM a ORDER BY id + 1;

-- name: LimitText :many
SELECT id FROM a LIMIT 'x';

-- name: LimitDecimalText :many
SELECT id FROM a LIMIT '1.5';

-- name: OffsetText :many
SELECT id FROM a OFFSET 'abc';

-- name: LimitTimestamp :many
SELECT id FROM a LIMIT now();

-- name: LimitBool :many
SELECT id FROM a LIMIT true;

-- name: OffsetTimestamp :many
SELECT id FROM a LIMIT 5 OFFSET now();

-- name: LimitSubqueryText :many
SELECT id FROM a LIMIT (SELECT 'x'::text);

-- name: UnionLimitBool :many
SELECT id FROM a UNION SELECT id FROM a LIMIT false;

-- name: OkDistinctOrder :many
SELECT DISTINCT name FROM a ORDER BY name;

-- name: OkDistinctAlias :many
SELECT DISTINCT id AS x FROM a ORDER BY x;

-- name: OkDistinctAliasInput :many
SELECT DISTINCT id AS x FROM a ORDER BY id;

-- name: OkDistinctPosition :many
SELECT DISTINCT id FROM a ORDER BY 1;

-- name: OkDistinctExpr :many
SELECT DISTINCT id + 1 FROM a ORDER BY id + 1;

-- name: OkDistinctStar :many
SELECT DISTINCT * FROM a ORDER BY name;

-- name: OkDistinctOn :many
SELECT DISTINCT ON (name) id FROM a ORDER BY name, id;

-- name: OkDistinctOnSwapped :many
SELECT DISTINCT ON (id, name) id, name FROM a ORDER BY name, id, created;

-- name: OkDistinctOnNoOrder :many
SELECT DISTINCT ON (name) id FROM a;

-- name: OkOrderByPosition :many
SELECT id, name FROM a ORDER BY 2, 1;

-- name: OkUnionOrderByName :many
SELECT id FROM a UNION SELECT a_id FROM b ORDER BY id;

-- name: OkLimitText :many
SELECT id FROM a LIMIT '5';

-- name: OkLimitNumeric :many
SELECT id FROM a LIMIT 1.5;

-- name: OkLimitSmallint :many
SELECT id FROM a LIMIT 10::smallint;

-- name: OkLimitNull :many
SELECT id FROM a LIMIT NULL;

-- name: OkLimitAll :many
SELECT id FROM a LIMIT ALL;

-- name: LockUnion :many
SELECT id FROM a UNION SELECT a_id FROM b FOR UPDATE;

-- name: LockDistinct :many
SELECT DISTINCT name FROM a FOR UPDATE;

-- name: LockDistinctOn :many
SELECT DISTINCT ON (name) id, name FROM a ORDER BY name FOR SHARE;

-- name: LockGroupBy :many
SELECT name FROM a GROUP BY name FOR NO KEY UPDATE;

-- name: LockHaving :one
SELECT 1 AS one FROM a HAVING true FOR KEY SHARE;

-- name: LockAggregate :one
SELECT count(*) FROM a FOR UPDATE;

-- name: OkLockSublinkInOrderBy :many
SELECT id FROM a ORDER BY (SELECT 1), id FOR UPDATE OF a;

-- name: LockWindow :many
SELECT id, row_number() OVER (ORDER BY id) AS n FROM a FOR UPDATE;

-- name: LockSrf :many
SELECT id, generate_series(1, 2) AS g FROM a FOR SHARE;

-- name: OkLockSubqueryAggregate :many
SELECT id FROM a WHERE id > (SELECT count(*) FROM b) FOR UPDATE;

-- name: OkLockOrderLimit :many
SELECT id, name FROM a ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED;

-- name: OkLockJoinOf :many
SELECT a.id, b.note FROM a JOIN b ON b.a_id = a.id FOR UPDATE OF b;

-- name: MoreDistinctOrderByOther :many
SELECT DISTINCT a_id FROM b ORDER BY note;

-- name: MoreDistinctOnMismatch :many
SELECT DISTINCT ON (note) id FROM b ORDER BY id;

-- name: MoreOrderByPosition :many
SELECT id FROM a ORDER BY 3;

-- name: MoreGroupByPosition :many
SELECT id, count(*) FROM a GROUP BY 5;

-- name: MoreLimitText :many
SELECT id FROM a LIMIT 'abc';

-- name: MoreOffsetNumeric :many
SELECT id FROM a OFFSET 1.5;

-- name: MoreForUpdateDistinct :many
SELECT DISTINCT id FROM a FOR UPDATE;

-- name: MoreForShareAggregate :many
SELECT count(*) FROM a FOR SHARE;

-- name: MoreDistinctJson :many
SELECT DISTINCT id, js FROM w;

-- name: MoreDistinctJsonAlone :many
SELECT DISTINCT js FROM w ORDER BY js::text;

-- name: MoreDistinctPoint :many
SELECT DISTINCT point(qty, qty) FROM w;

-- name: OkDistinctJsonb :many
SELECT DISTINCT id, j FROM w;

-- name: OkDistinctJsonAsText :many
SELECT DISTINCT js::text FROM w;

-- name: OkDistinctNoOpCast :many
SELECT DISTINCT (w.qty)::int FROM w ORDER BY w.qty;

-- name: MoreDistinctWideningCast :many
SELECT DISTINCT (w.qty)::bigint FROM w ORDER BY w.qty;

-- name: MoreDistinctStarOtherTable :many
SELECT DISTINCT a.* FROM a JOIN b ON b.a_id = a.id ORDER BY b.note;

-- name: OkDistinctStarOwnColumn :many
SELECT DISTINCT a.* FROM a JOIN b ON b.a_id = a.id ORDER BY a.name;

-- name: OkDistinctStarAll :many
SELECT DISTINCT * FROM a JOIN u ON u.k = a.id ORDER BY u.v;

-- name: OkDistinctEmbedOwnColumn :many
SELECT DISTINCT sqlc.embed(u) FROM a JOIN u ON u.k = a.id ORDER BY u.v;

-- family: literals read by the type's input function

-- name: LitInt :many
SELECT id FROM a WHERE id = 'abc';

-- name: LitIntRange :many
SELECT id FROM a WHERE id = '99999999999';

-- name: LitIntExp :many
SELECT id FROM a WHERE id = '1e3';

-- name: LitIntHex :many
SELECT id FROM a WHERE id = '0x1F';

-- name: LitIntEmpty :many
SELECT id FROM a WHERE id = '';

-- name: LitIntInner :many
SELECT id FROM a WHERE id = ' 1 2';

-- name: LitSmallintRange :many
SELECT id FROM w WHERE sm = '40000';

-- name: LitBigintRange :many
SELECT id FROM w WHERE big = '9223372036854775808';

-- name: LitNumeric :many
SELECT id FROM w WHERE n = 'abc';

-- name: LitNumericExp :many
SELECT id FROM w WHERE n = '1e';

-- name: LitFloat :many
SELECT id FROM w WHERE f8 = 'fast';

-- name: LitBool :many
SELECT id FROM w WHERE flag = 'maybe';

-- name: LitBoolO :many
SELECT id FROM w WHERE flag = 'o';

-- name: LitUuid :many
SELECT id FROM w WHERE tok = 'x';

-- name: LitUuidShort :many
SELECT id FROM w WHERE tok = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1';

-- name: LitUuidBrace :many
SELECT id FROM w WHERE tok = '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';

-- name: LitDateMonth :many
SELECT id FROM a WHERE created = '2020-13-01';

-- name: LitDateDay :many
SELECT id FROM a WHERE created = '2021-02-29';

-- name: LitDateWord :many
SELECT id FROM a WHERE created = 'nope';

-- name: LitDateYear0 :many
SELECT id FROM a WHERE created = '0000-01-01';

-- name: LitTimestampHour :many
SELECT id FROM w WHERE at = '2020-01-01 25:00';

-- name: LitTimeMinute :many
SELECT id FROM w WHERE t = '10:60';

-- name: LitTime24 :many
SELECT id FROM w WHERE t = '24:00:01';

-- name: LitTimestampWord :many
SELECT id FROM w WHERE ts = 'soon';

-- name: LitInterval :many
SELECT id FROM w WHERE iv = 'one day';

-- name: LitIntervalUnit :many
SELECT id FROM w WHERE iv = '1 fortnight';

-- name: LitJsonb :many
SELECT id FROM w WHERE j = '{a: 1}';

-- name: LitJsonbTrailing :many
SELECT id FROM w WHERE j = '[1, 2';

-- name: LitJsonbNul :many
SELECT id FROM w WHERE j = '"\u0000"';

-- name: LitJsonNumber :many
SELECT '01'::json;

-- name: LitInet :many
SELECT id FROM w WHERE ip = '10.0.0.256';

-- name: LitInetWord :many
SELECT id FROM w WHERE ip = 'localhost';

-- name: LitInetMask :many
SELECT id FROM w WHERE ip = '10.0.0.1/33';

-- name: LitCidrBits :exec
INSERT INTO w (net, price, qty) VALUES ('10.0.0.1/8', 1, 1);

-- name: LitIntArray :many
SELECT id FROM w WHERE nums = '{1,2,x}';

-- name: LitArrayMalformed :many
SELECT id FROM w WHERE nums = '{1,2';

-- name: LitArrayNoBraces :many
SELECT id FROM w WHERE tags = 'a,b';

-- name: LitArrayRagged :many
SELECT '{{1,2},{3}}'::int[];

-- name: LitEnum :many
SELECT id FROM b WHERE st = 'piad';

-- name: LitEnumIn :many
SELECT id FROM b WHERE st IN ('paid', 'shiped');

-- name: LitEnumCase :many
SELECT id FROM b WHERE st = 'Paid';

-- name: LitEnumArray :many
SELECT id FROM w WHERE sts = '{new,lost}';

-- name: LitDomain :many
SELECT id FROM w WHERE p = 'x';

-- name: LitBit :many
SELECT id FROM w WHERE bits = '1012';

-- name: LitVarbitHex :many
SELECT id FROM w WHERE vb = 'xG';

-- name: LitCast :many
SELECT 'abc'::int;

-- name: LitCastFunction :many
SELECT CAST('abc' AS integer);

-- name: LitIntervalCast :many
SELECT '2020-01-01'::date + 'x'::interval;

-- name: LitInsert :exec
INSERT INTO a (id, name) VALUES ('x', 'y');

-- name: LitInsertEnum :exec
INSERT INTO b (id, a_id, note, st) VALUES (1, 1, 'n', 'piad');

-- name: LitInsertSelect :exec
INSERT INTO a (id, name) SELECT 'x', 'y';

-- name: LitUpdateEnum :exec
UPDATE b SET st = 'piad';

-- name: LitUpdateBigint :exec
UPDATE b SET amount = '1.5';

-- name: LitAnyArray :many
SELECT id FROM a WHERE id = ANY('{1,x}');

-- name: LitBetween :many
SELECT id FROM a WHERE id BETWEEN 'a' AND 'b';

-- name: LitInList :many
SELECT id FROM a WHERE id IN ('1', 'x');

-- name: LitArith :many
SELECT id FROM w WHERE qty + 'x' > 0;

-- name: LitCoalesce :many
SELECT coalesce(id, 'x') FROM a;

-- name: LitCase :many
SELECT CASE WHEN true THEN 1 ELSE 'x' END;

-- name: LitArrayCtor :many
SELECT ARRAY[1, 'x'];

-- name: LitGreatest :many
SELECT greatest(1, 'x');

-- name: LitValues :many
SELECT * FROM (VALUES (1), ('x')) v;

-- name: LitRowCompare :many
SELECT id FROM a WHERE (id, created) < (1, 'bad');

-- name: LitArabicDigit :many
SELECT id FROM a WHERE id = '١';

-- name: OkLitInt :many
SELECT id FROM a WHERE id = ' 12 ';

-- name: OkLitIntPlus :many
SELECT id FROM a WHERE id = '+7';

-- name: OkLitBigintMin :many
SELECT id FROM w WHERE big = '-9223372036854775808';

-- name: OkLitNumeric :many
SELECT id FROM w WHERE n = ' 1.5e3 ';

-- name: OkLitNumericNaN :many
SELECT id FROM w WHERE n = 'NaN';

-- name: OkLitNumericDot :many
SELECT id FROM w WHERE n = '.5';

-- name: OkLitFloatInf :many
SELECT id FROM w WHERE f8 = '-Infinity';

-- name: OkLitBool :many
SELECT id FROM w WHERE flag = 'yes';

-- name: OkLitBoolOf :many
SELECT id FROM w WHERE flag = 'of';

-- name: OkLitBoolPrefix :many
SELECT id FROM w WHERE flag = ' TR ';

-- name: OkLitUuid :many
SELECT id FROM w WHERE tok = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';

-- name: OkLitUuidBraces :many
SELECT id FROM w WHERE tok = '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}';

-- name: OkLitUuidPlain :many
SELECT id FROM w WHERE tok = 'A0EEBC999C0B4EF8BB6D6BB9BD380A11';

-- name: OkLitUuidOddHyphens :many
SELECT id FROM w WHERE tok = 'a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11';

-- name: OkLitDateWords :many
SELECT id FROM a WHERE created = 'yesterday';

-- name: OkLitDateLeap :many
SELECT id FROM a WHERE created = '2020-02-29';

-- name: OkLitDateText :many
SELECT id FROM a WHERE created = 'Jan 5 2020';

-- name: OkLitDateCompact :many
SELECT id FROM a WHERE created = '20200105';

-- name: OkLitTimestamp :many
SELECT id FROM w WHERE at = '2020-01-01T10:00:00Z';

-- name: OkLitTimestampLeapSecond :many
SELECT id FROM w WHERE ts = '2020-01-01 10:00:60';

-- name: OkLitTime24 :many
SELECT id FROM w WHERE t = '24:00';

-- name: OkLitTimeAllballs :many
SELECT id FROM w WHERE t = 'allballs';

-- name: OkLitInterval :many
SELECT id FROM w WHERE iv = '1 day 2 hours';

-- name: OkLitIntervalGlued :many
SELECT id FROM w WHERE iv = '1d';

-- name: OkLitIntervalAgo :many
SELECT id FROM w WHERE iv = '@ 2 weeks ago';

-- name: OkLitIntervalClock :many
SELECT id FROM w WHERE iv = '1:30';

-- name: OkLitIntervalIso :many
SELECT id FROM w WHERE iv = 'P1Y2M';

-- name: OkLitJsonb :many
SELECT id FROM w WHERE j = ' [1, 2.5e3, true, null, {"a": "b"}] ';

-- name: OkLitJsonNul :many
SELECT '"\u0000"'::json;

-- name: OkLitInet :many
SELECT id FROM w WHERE ip = '10.0.0.1';

-- name: OkLitInet6 :many
SELECT id FROM w WHERE ip = '::1';

-- name: OkLitCidrCompare :many
SELECT id FROM w WHERE net = '10.0.0.1/8';

-- name: OkLitCidr :exec
INSERT INTO w (net, price, qty) VALUES ('10.0.0.0/8', 1, 1);

-- name: OkLitArray :many
SELECT id FROM w WHERE nums = '{1, NULL, "3"}';

-- name: OkLitArrayEmpty :many
SELECT id FROM w WHERE tags = '{}';

-- name: OkLitArrayDims :many
SELECT '[1:2]={1,2}'::int[];

-- name: OkLitEnum :many
SELECT id FROM b WHERE st = 'paid';

-- name: OkLitEnumArray :many
SELECT id FROM w WHERE sts = '{new,paid}';

-- name: OkLitDomainNegative :exec
INSERT INTO w (p, price, qty) VALUES ('-5', 1, 1);

-- name: OkLitBit :many
SELECT id FROM w WHERE bits = '101';

-- name: OkLitVarbitHex :many
SELECT id FROM w WHERE vb = 'x1F';

-- name: OkLitText :many
SELECT id FROM a WHERE name = 'abc';

-- name: OkLitEscape :many
SELECT id FROM a WHERE id = E'1\n';

-- name: MoreSmallintRange :many
SELECT id FROM w WHERE sm = '40000';

-- name: MoreBigintRange :many
SELECT id FROM w WHERE big = '9223372036854775808';

-- name: MoreIntegerFraction :many
SELECT id FROM w WHERE qty = '1.5';

-- name: MoreNumericExponent :many
SELECT id FROM w WHERE n = '1e';

-- name: MoreBooleanWord :many
SELECT id FROM w WHERE flag = 'maybe';

-- name: MoreUuidShort :many
SELECT id FROM w WHERE tok = '1234';

-- name: MoreUuidOneDigitShort :many
SELECT id FROM w WHERE tok = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1';

-- name: MoreDateDay :many
SELECT id FROM a WHERE created = '2024-02-30';

-- name: MoreDateWord :many
SELECT id FROM a WHERE created = 'yesterdayish';

-- name: MoreTimestamptzMonth :many
SELECT id FROM w WHERE at > '2024-13-01 00:00';

-- name: MoreIntervalUnit :many
SELECT id FROM w WHERE iv = '3 fortnights';

-- name: MoreJsonbTruncated :many
SELECT id FROM w WHERE j = '{"a": }';

-- name: MoreJsonInsert :exec
INSERT INTO w (price, qty, js) VALUES (1, 1, '[1,');

-- name: MoreInetOctet :many
SELECT id FROM w WHERE ip = '300.1.1.1';

-- name: MoreCidrHostBits :many
SELECT id FROM w WHERE net = '10.0.0.1/8';

-- name: MoreBitDigit :exec
INSERT INTO w (price, qty, bits) VALUES (1, 1, '1010x');

-- name: MoreEnumCase :many
SELECT id FROM w WHERE st = 'PAID';

-- name: MoreEnumArray :many
SELECT id FROM w WHERE sts = '{paid,lost}';

-- name: MoreIntArrayElement :many
SELECT id FROM w WHERE nums = '{1,x}';

-- name: MoreArrayUnclosed :many
SELECT id FROM w WHERE nums = '{1,2';

-- name: MoreTextArrayNoBraces :many
SELECT id FROM w WHERE tags = 'abc';

-- name: MoreDomainBase :many
SELECT id FROM w WHERE p = 'ten';

-- name: MoreFloatWord :many
SELECT id FROM w WHERE f8 = 'one';

-- name: MoreTimeHour :many
SELECT id FROM w WHERE t = '25:00';

-- name: MoreTimestampMinute :many
SELECT id FROM w WHERE ts = '2024-01-01 10:61';

-- name: MoreUpdateIntegerRange :exec
UPDATE w SET qty = '99999999999' WHERE id = 1;

-- name: MoreInsertEnum :exec
INSERT INTO b (id, a_id, note, st) VALUES (1, 1, 'n', 'refunded');

-- name: MoreVarbitDigit :many
SELECT id FROM w WHERE vb = '12';

-- name: MoreUuidInList :many
SELECT id FROM w WHERE tok IN ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'nope');

-- family: writes

-- name: WriteMultiSetScalar :exec
UPDATE a SET (id, name) = (1);

-- name: WriteMultiSetTooMany :exec
UPDATE a SET (id, name) = (1, 'x', 3);

-- name: WriteMultiSetTooFew :exec
UPDATE a SET (id, name, created) = ROW(1, 'x');

-- name: WriteMultiSetOnConflict :exec
INSERT INTO a (id, name) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET (id, name) = (1);

-- name: OkWriteMultiSetRow :exec
UPDATE a SET (name, created) = ROW($1, $2) WHERE id = $3;

-- name: OkWriteMultiSetSubquery :exec
UPDATE a SET (name, created) = (SELECT note, current_date FROM b WHERE b.a_id = a.id LIMIT 1);

-- name: InsertDuplicate :exec
INSERT INTO a (id, id) VALUES (1, 2);

-- name: InsertDuplicateLater :exec
INSERT INTO a (id, name, id) VALUES (1, 'x', 2);

-- name: UpdateTwice :exec
UPDATE a SET name = 'x', name = 'y';

-- name: UpsertTwice :exec
INSERT INTO a (id, name) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET name = 'y', name = 'z';

-- name: InsertIdentityAlways :exec
INSERT INTO w (id, price, qty) VALUES (1, 1, 1);

-- name: InsertIdentityAlwaysSelect :exec
INSERT INTO w (id, price, qty) SELECT 1, 1, 1;

-- name: InsertGenerated :exec
INSERT INTO w (total, price, qty) VALUES (1, 1, 1);

-- name: InsertGeneratedSelect :exec
INSERT INTO w (total, price, qty) SELECT 1, 1, 1;

-- name: InsertGeneratedSecondRow :exec
INSERT INTO w (total, price, qty) VALUES (DEFAULT, 1, 1), (2, 1, 1);

-- name: InsertGeneratedNoList :exec
INSERT INTO w VALUES (DEFAULT, DEFAULT, 1, 1, 5);

-- name: UpdateGenerated :exec
UPDATE w SET total = 5;

-- name: UpdateIdentityAlways :exec
UPDATE w SET id = 5;

-- name: UpsertGenerated :exec
INSERT INTO w (price, qty) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET total = 1;

-- name: OkInsertOverriding :exec
INSERT INTO w (id, price, qty) OVERRIDING SYSTEM VALUE VALUES (1, 1, 1);

-- name: OkInsertByDefault :exec
INSERT INTO w (seq, price, qty) VALUES (1, 1, 1);

-- name: OkInsertGeneratedDefault :exec
INSERT INTO w (total, price, qty) VALUES (DEFAULT, 1, 1);

-- name: OkInsertIdentityDefault :exec
INSERT INTO w (id, price, qty) VALUES (DEFAULT, 1, 1);

-- name: OkInsertDefaultsNoList :exec
INSERT INTO w VALUES (DEFAULT, DEFAULT, 1, 1);

-- name: OkInsertOverridingUser :exec
INSERT INTO w OVERRIDING USER VALUE VALUES (5, 5, 1, 1);

-- name: OkUpdateGeneratedDefault :exec
UPDATE w SET total = DEFAULT;

-- name: OkUpdateIdentityDefault :exec
UPDATE w SET id = DEFAULT;

-- name: OkUpdateTwoColumns :exec
UPDATE a SET name = 'x', created = NULL;

-- name: OkUpdateArrayElements :exec
UPDATE w SET nums[1] = 1, nums[2] = 2;

-- name: MoreInsertGenerated :exec
INSERT INTO w (price, qty, total) VALUES (1, 2, 3);

-- name: MoreUpdateTwice :exec
UPDATE b SET note = 'x', note = 'y' WHERE id = 1;

-- name: MoreInsertColumnTwice :exec
INSERT INTO b (id, note, a_id, note) VALUES (1, 'x', 1, 'y');

-- family: ON CONFLICT arbiters (the planner infers them: the test EXPLAINs what PREPARE accepts)

-- name: ConflictColumnInTwoColumnKey :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT (mail) DO NOTHING;

-- name: ConflictPartOfConstraintKey :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT (org) DO NOTHING;

-- name: ConflictPartialWithoutPredicate :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT (slug) DO NOTHING;

-- name: ConflictPlainIndexNotUnique :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT (score) DO NOTHING;

-- name: ConflictKeyPlusOne :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's')
ON CONFLICT (org, slug, mail) DO UPDATE SET score = excluded.score;

-- name: ConflictNoSuchConstraint :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT ON CONSTRAINT k_nope DO NOTHING;

-- name: ConflictCheckConstraint :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT ON CONSTRAINT k_score_nonneg DO NOTHING;

-- name: ConflictIndexIsNotAConstraint :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT ON CONSTRAINT k_org_email DO NOTHING;

-- name: ConflictNotUniqueColumn :exec
INSERT INTO a (id, name) VALUES (1, 'x') ON CONFLICT (name) DO UPDATE SET name = excluded.name;

-- name: ConflictForeignKeyColumn :exec
INSERT INTO b (id, a_id, note) VALUES (1, 1, 'n') ON CONFLICT (a_id) DO NOTHING;

-- name: ConflictForeignKeyConstraint :exec
INSERT INTO b (id, a_id, note) VALUES (1, 1, 'n') ON CONFLICT ON CONSTRAINT b_a_id_fkey DO NOTHING;

-- name: ConflictUniqueNeighbour :exec
INSERT INTO u (k, v) VALUES (1, 'x') ON CONFLICT (v) DO UPDATE SET v = excluded.v;

-- name: ConflictWithParams :exec
INSERT INTO k (id, mail, org, slug) VALUES (@id, @mail, @org, @slug)
ON CONFLICT (mail, org, slug) DO NOTHING;

-- name: ConflictDroppedIndex :exec
INSERT INTO k (id, mail, org, slug, score) VALUES (1, 'a', 1, 's', 1) ON CONFLICT (score) DO NOTHING;

-- name: ConflictPrimaryKeyHalf :exec
INSERT INTO c (x, y) VALUES (1, 2) ON CONFLICT (x) DO NOTHING;

-- name: ConflictSelectSource :exec
INSERT INTO k (id, mail, org, slug) SELECT id, name, 1, name FROM a ON CONFLICT (mail) DO NOTHING;

-- name: ConflictNoSuchColumn :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT (nope) DO NOTHING;

-- name: ConflictUpdateWithoutTarget :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT DO UPDATE SET score = 1;

-- name: OkConflictPrimaryKey :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT (id) DO NOTHING;

-- name: OkConflictConstraintColumnsAnyOrder :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's')
ON CONFLICT (slug, org) DO UPDATE SET mail = excluded.mail;

-- name: OkConflictRenamedIndexColumn :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT (org, mail) DO NOTHING;

-- name: OkConflictPartialWithPredicate :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's')
ON CONFLICT (slug) WHERE deleted_at IS NULL DO NOTHING;

-- name: OkConflictExpressionIndex :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT (lower(mail)) DO NOTHING;

-- name: OkConflictOnConstraint :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT ON CONSTRAINT k_org_slug DO NOTHING;

-- name: OkConflictOnPrimaryKeyConstraint :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's')
ON CONFLICT ON CONSTRAINT k_pkey DO UPDATE SET slug = 'x';

-- name: OkConflictColumnTwice :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT (id, id) DO NOTHING;

-- name: OkConflictLikeCopy :exec
INSERT INTO kl (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT (id) DO NOTHING;

-- name: OkConflictNoTarget :exec
INSERT INTO k (id, mail, org, slug) VALUES (1, 'a', 1, 's') ON CONFLICT DO NOTHING;

-- name: OkConflictTwoColumnPrimaryKey :exec
INSERT INTO c (x, y) VALUES (1, 2) ON CONFLICT (y, x) DO NOTHING;

-- name: OkConflictUniqueColumn :exec
INSERT INTO u (k, v) VALUES (1, 'x') ON CONFLICT (k) DO UPDATE SET v = excluded.v;

-- name: OkConflictParams :exec
INSERT INTO k (id, mail, org, slug) VALUES (@id, @mail, @org, @slug)
ON CONFLICT (org, slug) DO UPDATE SET mail = excluded.mail, score = k.score + 1;

-- family: writes through views (the rewriter's checks, which PREPARE runs)

-- name: ViewInsertGroupBy :exec
INSERT INTO v_group (a_id) VALUES (1);

-- name: ViewUpdateDistinct :exec
UPDATE v_distinct SET name = 'x';

-- name: ViewDeleteJoin :exec
DELETE FROM v_join WHERE id = 1;

-- name: ViewDeleteLimit :exec
DELETE FROM v_limit WHERE id = 1;

-- name: ViewInsertUnion :exec
INSERT INTO v_union (id) VALUES (1);

-- name: ViewUpdateWith :exec
UPDATE v_with SET id = 1;

-- name: ViewDeleteWindow :exec
DELETE FROM v_window;

-- name: ViewInsertWindow :exec
INSERT INTO v_window (id) VALUES (1);

-- name: ViewDeleteSetReturning :exec
DELETE FROM v_srf WHERE id = @id;

-- name: ViewUpdateAggregate :exec
UPDATE v_agg SET n = 1;

-- name: ViewInsertExpressionColumn :exec
INSERT INTO v_expr (id, uname) VALUES (1, 'X');

-- name: ViewUpdateExpressionColumn :exec
UPDATE v_expr SET uname = 'x' WHERE id = 1;

-- name: ViewInsertNoFrom :exec
INSERT INTO v_consts (one) VALUES (1);

-- name: ViewDeleteThroughNonUpdatableView :exec
DELETE FROM v_over_group WHERE a_id = 1;

-- name: ViewDeleteValues :exec
DELETE FROM v_values;

-- name: ViewUpdateOverMaterialized :exec
UPDATE v_mv SET id = 1;

-- name: ViewUpdateOnlyExpressions :exec
UPDATE v_only_exprs SET next_id = 2;

-- name: ViewInsertOnlyExpressionsNoColumns :exec
INSERT INTO v_only_exprs DEFAULT VALUES;

-- name: OkViewInsert :exec
INSERT INTO av (id, name) VALUES (1, 'x');

-- name: OkViewUpdateStar :exec
UPDATE v_star SET name = 'y' WHERE id = 1;

-- name: OkViewDeleteWithExpressionColumns :exec
DELETE FROM v_expr WHERE id = 1;

-- name: OkViewInsertPlainColumns :exec
INSERT INTO v_expr (id, name) VALUES (1, 'x');

-- name: OkViewUpdateNested :exec
UPDATE v_nested SET name = 'z' WHERE id = @id;

-- name: OkViewInsertReturning :one
INSERT INTO v_star (id, name) VALUES (2, 'n') RETURNING id;

-- name: OkViewUpdateReturningExpression :many
UPDATE v_expr SET name = 'q' RETURNING uname;

-- name: OkViewDeleteOnlyExpressions :exec
DELETE FROM v_only_exprs WHERE next_id = 3;

-- family: parameters

-- name: ParamCastCompare :many
SELECT id FROM w WHERE big < @max::text;

-- name: ParamCastCompareEq :many
SELECT id FROM a WHERE id = $1::text;

-- name: ParamCastIn :many
SELECT id FROM a WHERE id IN ($1::text);

-- name: ParamCastLiteralLike :many
SELECT id FROM w WHERE flag = @f::int;

-- name: OkParamCast :many
SELECT id FROM w WHERE big < @max::int;

-- name: OkParamCastBigint :many
SELECT id FROM a WHERE id = @id::bigint;

-- name: OkParamSlice :many
SELECT id FROM a WHERE id = ANY(sqlgen.slice(ids));

-- name: ParamCastArith :many
SELECT id FROM w WHERE qty + @d::text > 0;

-- name: ParamCastBetween :many
SELECT id FROM a WHERE id BETWEEN @lo::text AND @hi::text;

-- name: ParamCastArgForm :many
SELECT id FROM a WHERE id = sqlc.arg(id)::text;

-- name: ParamCastDate :many
SELECT id FROM a WHERE created > @since::int;

-- name: ParamCastAny :many
SELECT id FROM a WHERE id = ANY(@ids::text[]);

-- name: ParamCastLike :many
SELECT id FROM a WHERE name LIKE @p::int;

-- name: ParamCastJsonb :many
SELECT id FROM w WHERE j @> @f::text;

-- name: OkParamCastNumeric :many
SELECT id FROM w WHERE qty < @m::numeric;

-- name: OkParamCastVarchar :many
SELECT id FROM a WHERE name = @n::varchar;

-- name: OkParamSliceAll :many
SELECT id FROM a WHERE id <> ALL(sqlc.slice(ids));

-- name: MoreParamCastText :many
SELECT id FROM b WHERE amount < @max::text;

-- name: MoreParamCastIntVsDate :many
SELECT id FROM a WHERE created = @d::int;

-- name: MoreParamCastBigintVsUuid :many
SELECT id FROM w WHERE tok = @t::int8;

-- name: MoreUpdateAssignType :exec
UPDATE a SET id = name;

-- name: MoreUpsertAssignType :exec
INSERT INTO a (id, name) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET id = excluded.name;

-- name: OkUpdateAssignNumericToText :exec
UPDATE a SET name = 1.5;

-- name: MoreFilterParamLiteral :one
SELECT count(*) FILTER (WHERE id > 'abc') FROM a;

-- name: MoreFilterUnknownColumn :one
SELECT count(*) FILTER (WHERE nope = 1) FROM a;

-- name: MoreFilterWindow :one
SELECT count(*) FILTER (WHERE row_number() OVER () > 1) FROM a;

-- name: OkFilterParam :one
SELECT count(*) FILTER (WHERE id > @min_id), count(*) FILTER (WHERE name = @name) FROM a;

-- family: whole-row references (`t.*` and a bare `t` as values)

-- name: WholeRowUnknownAlias :many
SELECT json_agg(x.*) FROM b;

-- name: WholeRowColumnNotAlias :many
SELECT array_agg(note.*) FROM b;

-- name: WholeRowBareUnknown :many
SELECT row_to_json(x) FROM b;

-- name: WholeRowOuterAlias :many
SELECT a.id, (SELECT json_agg(zz.*) FROM b WHERE b.a_id = a.id) FROM a;

-- name: OkWholeRowCorrelated :many
SELECT a.id, (SELECT row_to_json(a.*) FROM b WHERE b.a_id = a.id LIMIT 1) FROM a;

-- name: OkWholeRowColumnShadow :many
SELECT json_agg(b.*) FROM b JOIN c AS note ON note.x = b.id;

-- Common types that cannot be matched, reported at the input PostgreSQL names (the first whose
-- type does not fit), not at the construct.
-- name: CoalesceTextJsonb :many
SELECT coalesce(nullif(w.j->>'k', ''), to_jsonb(w.qty)) FROM w;

-- name: CoalesceThirdArg :many
SELECT coalesce(w.qty, w.sm, w.flag) FROM w;

-- name: GreatestDateBool :many
SELECT greatest(w.at, w.ts, w.flag) FROM w;

-- name: CaseThenMismatch :many
SELECT CASE WHEN w.flag THEN w.qty WHEN w.qty > 1 THEN w.j ELSE w.big END FROM w;

-- name: CaseNoElseMismatch :many
SELECT CASE WHEN w.flag THEN w.tags WHEN true THEN w.nums END FROM w;

-- name: ArrayElementMismatch :many
SELECT ARRAY[w.qty, w.big, w.tok] FROM w;

-- name: ValuesColumnMismatch :many
VALUES (1, 'a'), (2, 'b'), (true, 'c');

-- name: CaseElseNotConvertible :many
SELECT CASE WHEN w.flag THEN w.nums ELSE w.tags END FROM w;
