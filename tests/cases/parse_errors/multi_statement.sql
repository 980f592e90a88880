-- Each broken statement is reported; the good ones around it still parse.
CREATE TABLE ok1 (id int);
CREATE TABLE broken (id int,); -- expected-error {{syntax error at or near ")"}}
CREATE TABLE ok2 (id int);
-- expected-error@+1 {{syntax error at or near "ok2"}}
SELECT 1 FRM ok2;
SELECT
  1 +; -- expected-error {{syntax error at or near ";"}}
