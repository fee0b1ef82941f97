"""The precompressed copies beside the large files (sitebuild/precompress.py), made in-process on a
small folder; Brotli runs in Node, as in the build (a second or two)."""

import gzip
import os
import subprocess

from sitebuild import precompress
from sitebuild.site import Site


def brotli_decompressed(path):
    script = "process.stdout.write(require('zlib').brotliDecompressSync(require('fs').readFileSync(process.argv[1])))"
    return subprocess.run(["node", "-e", script, str(path)], capture_output=True, check=True).stdout


def test_large_text_gets_brotli_and_gzip_copies_that_decompress_to_it_and_nothing_else_does(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    text = b"".join(b"function f%d(a) { return a + %d; }\n" % (i, i * 7) for i in range(400))
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "big.js").write_bytes(text)
    (site / "assets" / "small.css").write_bytes(b"a{color:red}")  # too small to be worth it
    (site / "assets" / "noise.zip").write_bytes(os.urandom(20_000))  # compresses to no gain
    (site / "picture.png").write_bytes(text)  # not a kind of file the copies are for
    (site / "_deploy").mkdir()
    (site / "_deploy" / "nginx.json").write_bytes(text)  # the host's files, not the reader's
    (site / "assets" / "gone.js.br").write_bytes(b"left from an earlier build")
    written = precompress.write_precompressed(Site(dir=site), cache=cache)

    assert set(written) == {"assets/big.js"}
    big = site / "assets" / "big.js"
    assert gzip.decompress((site / "assets" / "big.js.gz").read_bytes()) == text
    assert brotli_decompressed(site / "assets" / "big.js.br") == text
    assert written["assets/big.js"]["br"] < written["assets/big.js"]["gz"] < len(text) / 5
    copies = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in (".br", ".gz"))
    assert copies == ["assets/big.js.br", "assets/big.js.gz"]
    assert precompress.is_copy(big.with_name("big.js.br")) and not precompress.is_copy(big)

    # A changed file gets new copies; the same bytes come from the cache (no second Node run).
    big.write_bytes(text + b"// more\n")
    precompress.write_precompressed(Site(dir=site), cache=cache)
    assert gzip.decompress((site / "assets" / "big.js.gz").read_bytes()) == text + b"// more\n"
    assert brotli_decompressed(site / "assets" / "big.js.br") == text + b"// more\n"
    # The gzip copy is the same bytes every build (no time stamp in it).
    assert (site / "assets" / "big.js.gz").read_bytes() == precompress.gzipped(big.read_bytes())


def test_apache_sends_each_copy_in_place_of_its_file_with_the_files_type_and_its_encoding():
    """No Apache here to run it: the rules as written, one per kind of copy."""
    from sitebuild import headers

    rules = headers.htaccess(set())
    assert "RewriteCond %{HTTP:Accept-Encoding} \\bbr\\b" in rules and "RewriteCond %{REQUEST_FILENAME}.br -f" in rules
    assert "RewriteCond %{REQUEST_FILENAME}.gz -f" in rules and "E=no-gzip:1" in rules
    for ext in precompress.EXTENSIONS:
        assert f'<FilesMatch "\\{ext}\\.(?:br|gz)$">\n    ForceType {headers.TYPES[ext[1:]]}' in rules, ext
    assert "Header set Content-Encoding br" in rules and "Header set Content-Encoding gzip" in rules
    assert rules.count("Header append Vary Accept-Encoding") == 2
    # The fingerprinted files' copies are kept as long as the files.
    assert '<FilesMatch "^(?:.+\\.[0-9a-f]{8}\\.min\\.(?:js|css)|tools\\.zip)(?:\\.br|\\.gz)?$">' in rules
