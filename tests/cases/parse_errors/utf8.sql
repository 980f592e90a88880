-- Multibyte text before an error must not shift its position.
SELECT 'ääää', 'ööö' AS "größe" WHERE WHERE; -- expected-error {{syntax error at or near "WHERE"}}
CREATE TABLE "Tenant"."Ünïcode" (x text);
INSERT INTO "Ünïcode" VALUES ('€') RETURNNG x; -- expected-error {{syntax error at or near "RETURNNG"}}
