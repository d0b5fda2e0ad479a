-- Payments, finishing issue 7.

-- an invoice read from Xero lists its payments by PaymentID: which of them are ours (and which match)
create index xero_payment_sent_id on xero_payment (xero_payment_id) where xero_payment_id is not null;
