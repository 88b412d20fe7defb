-- Catalogue searches over many distinct (term, sort, page) keys, so nearly every request misses
-- the page cache and memcached and runs the case-insensitive trigram search in PostgreSQL.
local terms = {
  "love", "night", "war", "king", "house", "girl", "dark", "life", "death", "city", "blood",
  "world", "heart", "secret", "star", "game", "fire", "dead", "time", "moon", "queen", "sea",
  "shadow", "river", "magic", "dragon", "lost", "summer", "winter", "garden", "road", "wolf",
  "harry", "potter", "tolkien", "king", "austen", "christie", "rowling", "martin", "gaiman",
  "pratchett", "murakami", "orwell", "dickens", "twain", "hemingway", "steinbeck", "atwood",
  "collins", "brown", "roberts", "patterson", "grisham", "connelly", "child", "evanovich",
  "the", "and", "man", "woman", "book", "story", "history", "guide", "vol", "part", "tale",
  "978044", "978031", "978055", "978006", "978014", "978037", "978076", "978030", "978038"
}
local sorts = { "title", "authors", "newest", "oldest" }
math.randomseed(os.time())

request = function()
  local term = terms[math.random(#terms)]
  local path = "/books?q=" .. term .. "&sort=" .. sorts[math.random(#sorts)] ..
      "&page=" .. math.random(200)
  return wrk.format("GET", path)
end
