-- A renewal is a purchase of the same algorithm that starts when the purchase it renews ends. It takes no seat of its
-- own: the seat passes from the renewed purchase to the renewal when the renewed one ends, so a sold-out algorithm can
-- still be renewed by those who hold its seats. holds_seat says which purchase a seat belongs to, so that a purchase
-- gives back at its end only a seat it holds (an unpaid renewal gives back nothing).
alter table purchases add column renews_purchase_id uuid references purchases (id);
alter table purchases add column holds_seat boolean not null default true;
create index purchases_renews_idx on purchases (renews_purchase_id);
-- GET /purchases: the caller's purchases, newest first, paged by (created_at, id).
create index purchases_user_created_idx on purchases (user_id, created_at desc, id);
