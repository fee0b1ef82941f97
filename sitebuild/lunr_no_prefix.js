/* Norwegian search: stem each query term and search for the stem as a prefix; a compound that
   no page holds is searched for by its parts.
   Appended by sitebuild/search.py to lunr-languages' Norwegian file, which Material's
   search worker loads only for the Norwegian index. Material ends every term with a wildcard
   ("interessentene*") and lunr runs no stemmer on wildcard terms, so an inflected form found
   only pages holding that very form. The Snowball stemmer only cuts endings, so the stem is a
   beginning of the word, and "interessent*" finds interessent, interessentene and
   interessentmatrisen in the unstemmed index. */
((lunr) => {
  if (!lunr?.no?.stemmer || lunr.Query.prototype.ispPrefixStem) return;
  const PREFIX = /^([^*]+)\*$/;

  const clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (c) {
    const word = PREFIX.exec(c.term || "");
    if (word) {
      const stem = String(lunr.no.stemmer(word[1]));
      if (stem && stem !== word[1] && word[1].startsWith(stem)) c.term = `${stem}*`;
    }
    return clause.call(this, c);
  };
  lunr.Query.prototype.ispPrefixStem = true;

  const starts = (vocabulary, text) => vocabulary.some((term) => term.startsWith(text));

  /* A term no indexed word starts with is looked for inside words ("skalering" in
     "oppskalering"); failing that, a compound ("involveringsnivå") becomes its two parts
     (involvering*, nivå*), each at least four letters and each beginning an indexed word;
     the linking s or e of Norwegian compounds is dropped from the first part. */
  function expand(c, vocabulary) {
    const word = PREFIX.exec(c.term);
    if (!word || starts(vocabulary, word[1])) return [c];
    const w = word[1];
    if (w.length >= 5 && vocabulary.some((term) => term.indexOf(w) > 0)) return [{ ...c, term: `*${w}*` }];
    for (let i = 4; i <= w.length - 4; i++) {
      let head = w.slice(0, i);
      const tail = w.slice(i);
      if (/[se]$/.test(head) && head.length > 4 && starts(vocabulary, head.slice(0, -1))) head = head.slice(0, -1);
      if (starts(vocabulary, head) && starts(vocabulary, tail)) return [head, tail].map((part) => ({ ...c, term: `${part}*` }));
    }
    return [c];
  }

  const query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (fn) {
    const vocabulary = this.ispVocabulary || (this.ispVocabulary = Object.keys(this.invertedIndex));
    return query.call(this, (q) => {
      fn.call(q, q);
      q.clauses = q.clauses.reduce((all, c) => all.concat(expand(c, vocabulary)), []);
    });
  };
})(self.lunr);
