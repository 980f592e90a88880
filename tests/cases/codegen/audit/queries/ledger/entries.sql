-- name: CreateEntry :one
INSERT INTO entries (amount_cents, iban) VALUES (@amount_cents, @iban)
RETURNING *;

-- name: CorrectEntry :one
UPDATE entries SET amount_cents = @amount_cents, iban = @iban WHERE id = @id
RETURNING *;
