-- One request every 20 ms per connection: with 4 connections about 200 requests/s.
function delay()
  return 20
end
