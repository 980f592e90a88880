-- +goose Up
CREATE TABLE every_type (
  a smallint, b integer, c bigint, d real, e double precision, f float(10), g float(40),
  h numeric, i numeric(10,2), j numeric(5), k decimal(7,3),
  l text, m varchar, n varchar(40), o character varying(8), p char, q char(3), r character(10),
  s boolean, t bytea, u date, v time, w time(3), x time with time zone, y timetz(2),
  z timestamp, aa timestamp(0), ab timestamp(6) without time zone, ac timestamptz,
  ad timestamp(3) with time zone, ae interval, af interval(2), ag interval year to month,
  ah interval day to second(4), ai uuid, aj json, ak jsonb, al inet, am cidr, an macaddr,
  ao money, ap bit(3), aq bit varying(8), ar varbit, as_ "char", at_ name, au oid, av xml,
  aw int4range, ax tstzrange, ay point, az tsvector,
  ba int[], bb text[][], bc varchar(20)[], bd numeric(8,2)[3], be integer ARRAY, bf timestamptz[],
  bg pg_catalog.int8, bh pg_catalog.varchar(12)
);
-- +goose Down
DROP TABLE every_type;
