"""The order of the build's steps once every page is written: this list, and nowhere else.

Each step takes the Site (sitebuild/site.py) and writes files into its folder. The later steps
read what the earlier ones wrote: the search split needs the theme's files in place, the offline
manifest lists (and hashes) every file, the response headers hash every page's inline scripts; the precompressed copies are made of
every file as it is finally served.
"""

from . import brand, headers, minify, offline, precompress, runtime, search, trainer_links, workshop_kit

POST_BUILD = (
    ("worksheet runtime", runtime.write_runtime),
    ("trainer QR codes", trainer_links.write_qr_codes),
    ("workshop kit cases", workshop_kit.write_cases),
    ("minify", minify.minify_site),
    ("brand", brand.write_files),
    ("search split", search.split),
    ("offline manifest", lambda site: offline.write_offline_files(site.dir)),
    ("headers", headers.write_headers),
    ("precompress", precompress.write_precompressed),
)


def post_build(site, steps=POST_BUILD):
    for _, step in steps:
        step(site)
