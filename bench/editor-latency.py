#!/usr/bin/env python3
"""How fast `tablica edytor` answers on a big site (issue 25).

Starts the editor on a workspace, then over its API: lists the pages, opens
one published announcement, previews it 12 times with an edited body (the
draft stands in for its page in the served model), 5 times with a new tag
(the site is arranged again), creates a new announcement and previews it,
and saves. Prints milliseconds per call as the browser would wait for it.

    cargo build --release --bin tablica --example gen-corpus
    target/release/examples/gen-corpus --pages 10000 --format tablica --out /tmp/corpus10k
    python3 bench/editor-latency.py target/release/tablica /tmp/corpus10k/tablica

It writes into the workspace (a new announcement, one saved edit): use a
generated corpus, never real content.
"""
import json, re, statistics, subprocess, sys, time, urllib.request
bin_, root = sys.argv[1], sys.argv[2]
p = subprocess.Popen([bin_, "--root", root, "edytor", "--no-open", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
t0=time.time(); port=None
for line in p.stdout:
    m = re.search(r"Edytor: http://127.0.0.1:(\d+)", line)
    if m: port=m.group(1); break
print("editor up in %.1f s" % (time.time()-t0))
base=f"http://127.0.0.1:{port}"
html=urllib.request.urlopen(base+"/edytor/").read().decode()
token=re.search(r'tablica-token" content="([0-9a-f]+)',html).group(1)
def call(path, data=None):
    req=urllib.request.Request(base+path, data=None if data is None else json.dumps(data).encode(), headers={"X-Tablica-Token":token,"Content-Type":"application/json"})
    t=time.time(); r=json.load(urllib.request.urlopen(req)); return r,(time.time()-t)*1000
sites,_=call("/api/sites"); site=sites["sites"][0]["id"]
pages,ms=call(f"/api/pages?site={site}"); print("list of %d pages: %.0f ms"%(len(pages["pages"]),ms))
pg=[x for x in pages["pages"] if not x["draft"] and not x["scheduled"]][50]
page,ms=call(f"/api/page?site={site}&path={pg['path']}"); print("open page: %.0f ms"%ms)
times=[]
for i in range(12):
    r,ms=call("/api/preview",{"site":site,"path":page["path"],"base":page["text"],"fields":page["fields"],"body":page["body"]+f"\nDopisek {i}.\n"})
    assert r["html"] and f"Dopisek {i}" in r["html"]; times.append(ms)
print("preview, body edit: median %.0f ms (min %.0f, max %.0f)"%(statistics.median(times[2:]),min(times),max(times)))
times=[]
for i in range(5):
    f=dict(page["fields"]); f["tags"]=f["tags"]+[f"nowy-tag-{i}"]
    r,ms=call("/api/preview",{"site":site,"path":page["path"],"base":page["text"],"fields":f,"body":page["body"]})
    assert r["html"]; times.append(ms)
print("preview, new tag (site arranged again): median %.0f ms"%statistics.median(times))
new,ms=call("/api/new",{"site":site,"title":"Pomiar edytora","date":"2026-12-04"}); print("new: %.0f ms"%ms)
times=[]
for i in range(5):
    r,ms=call("/api/preview",{"site":site,"path":new["path"],"base":new["text"],"fields":new["fields"],"body":f"Tekst {i}.\n"})
    assert r["html"]; times.append(ms)
print("preview, new draft: median %.0f ms"%statistics.median(times))
r,ms=call("/api/save",{"site":site,"path":page["path"],"base":page["text"],"revision":page["revision"],"fields":page["fields"],"body":page["body"]+"\nZapisane.\n"})
print("save: %.0f ms"%ms)
p.terminate(); p.wait()
