-- The account streams find the order an execution belongs to by the exchange's order id where the event names no
-- client order id of ours (a catch-up read's trades, a cancel's report): one lookup per event, on a table of many
-- resting orders.
create index orders_exchange_order_idx on orders (exchange_order_id);
