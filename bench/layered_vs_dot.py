#!/usr/bin/env python3
"""The layered layout next to Graphviz dot on the same graph.

Usage: bench/layered_vs_dot.py OUTLINE PREREQS
(run from the repository root after `cargo build --release`; needs `dot`).
Writes a DOT with our box sizes (prerequisites and topic-to-subtopic links
as edges, sections as clusters), times `dot -Tjson` and our layered render
to JSON in both directions, and measures every drawing the same way as
src/layout/quality.rs: overlaps, edges through boxes, pairs of crossing
edges, total edge length, canvas, aspect ratio, area per topic.
"""
import collections, json, math, os, subprocess, sys, tempfile, time

BIN = "target/release/roadmapper"


def to_dot(d):
    by = collections.defaultdict(list)
    nodes = {n["id"]: n for n in d["nodes"]}
    for n in d["nodes"]:
        if n["depth"] > 0:
            by[n["path"][1]].append(n)
    out = ["digraph g {", " node [shape=box, fixedsize=true];"]
    for i, ns in enumerate(by.values()):
        out.append(f" subgraph cluster_{i} {{")
        for n in ns:
            out.append(f'  "{n["id"]}" [width={n["width"]/72:.3f}, height={n["height"]/72:.3f}];')
        out.append(" }")
    for e in d["edges"]:
        if e["kind"] == "prerequisite" or (e["kind"] == "contains" and nodes[e["source"]]["depth"] >= 2):
            out.append(f' "{e["source"]}" -> "{e["target"]}";')
    out.append("}")
    return "\n".join(out)
def flat(pts):
    out=[]
    for i in range(0,len(pts)-3,3):
        a,b,c,d=pts[i:i+4]
        prev=a
        for s in range(1,17):
            t=s/16;u=1-t
            q=(u*u*u*a[0]+3*u*u*t*b[0]+3*u*t*t*c[0]+t*t*t*d[0],u*u*u*a[1]+3*u*u*t*b[1]+3*u*t*t*c[1]+t*t*t*d[1])
            out.append((prev,q));prev=q
    return out
def load_ours(p):
    d=json.load(open(p)); ids={}
    boxes={n['id']:(n['x'],n['y'],n['width'],n['height']) for n in d['nodes'] if 'x' in n}
    edges=[(e['source'],e['target'],flat(e['points']) if e.get('curve')=='bezier' else list(zip(e['points'],e['points'][1:]))) for e in d['edges'] if e.get('points')]
    return boxes,edges,d['graph']['width'],d['graph']['height'],len([n for n in d['nodes']])
def load_dot(p):
    d=json.load(open(p)); bb=[float(x) for x in d['bb'].split(',')]; H=bb[3]
    boxes={};name={}
    for o in d['objects']:
        if 'pos' not in o: continue
        x,y=map(float,o['pos'].split(',')); w=float(o['width'])*72; h=float(o['height'])*72
        boxes[o['name']]=(x-w/2,H-y-h/2,w,h); name[o['_gvid']]=o['name']
    edges=[]
    for e in d['edges']:
        pts=None
        for op in e['_draw_']:
            if op['op'] in 'bB': pts=[(x,H-y) for x,y in op['points']]
        edges.append((name[e['tail']],name[e['head']],flat(pts)))
    return boxes,edges,bb[2],bb[3],len(boxes)
def orient(a,b,c): return (b[0]-a[0])*(c[1]-a[1])-(b[1]-a[1])*(c[0]-a[0])
def inter(s,t):
    a,b=s;c,d=t
    return orient(a,b,c)*orient(a,b,d)<0 and orient(c,d,a)*orient(c,d,b)<0
def measure(boxes,edges,W,H,n):
    cell=200.0; grid=collections.defaultdict(list)
    segs=[]
    for k,(u,v,ss) in enumerate(edges):
        for s in ss:
            i=len(segs); segs.append((k,s))
            (x0,y0),(x1,y1)=s
            for cx in range(int(min(x0,x1)//cell),int(max(x0,x1)//cell)+1):
                for cy in range(int(min(y0,y1)//cell),int(max(y0,y1)//cell)+1):
                    grid[(cx,cy)].append(i)
    cross=set()
    for cl in grid.values():
        for a in range(len(cl)):
            ka,sa=segs[cl[a]]
            for b in range(a+1,len(cl)):
                kb,sb=segs[cl[b]]
                if ka==kb: continue
                p=(min(ka,kb),max(ka,kb))
                if p in cross: continue
                eu,ev,_=edges[ka];fu,fv,_=edges[kb]
                if {eu,ev}&{fu,fv}: continue
                if inter(sa,sb): cross.add(p)
    length=sum(math.dist(a,b) for _,_,ss in edges for a,b in ss)
    # through boxes
    bl=list(boxes.items()); bg=collections.defaultdict(list)
    for i,(nm,(x,y,w,h)) in enumerate(bl):
        for cx in range(int(x//cell),int((x+w)//cell)+1):
            for cy in range(int(y//cell),int((y+h)//cell)+1): bg[(cx,cy)].append(i)
    def hits(r,a,b):
        x0,y0,x1,y1=r[0]+1,r[1]+1,r[0]+r[2]-1,r[1]+r[3]-1
        dx,dy=b[0]-a[0],b[1]-a[1];t0,t1=0,1
        for p,q in((-dx,a[0]-x0),(dx,x1-a[0]),(-dy,a[1]-y0),(dy,y1-a[1])):
            if p==0:
                if q<=0: return False
            else:
                r_=q/p
                if p<0: t0=max(t0,r_)
                else: t1=min(t1,r_)
        return t0<t1
    through=0
    for u,v,ss in edges:
        hit=set()
        for a,b in ss:
            for cx in range(int(min(a[0],b[0])//cell),int(max(a[0],b[0])//cell)+1):
                for cy in range(int(min(a[1],b[1])//cell),int(max(a[1],b[1])//cell)+1):
                    for i in bg[(cx,cy)]:
                        nm,r=bl[i]
                        if nm not in(u,v) and hits(r,a,b): hit.add(i)
        through+=len(hit)
    ov=0
    for i in range(len(bl)):
        for j in range(i+1,len(bl)):
            a=bl[i][1];b=bl[j][1]
            if a[0]<b[0]+b[2] and b[0]<a[0]+a[2] and a[1]<b[1]+b[3] and b[1]<a[1]+a[3]: ov+=1
    print(f"edges {len(edges)} crossings {len(cross)} length {length:.0f} through {through} overlaps {ov} canvas {W:.0f}x{H:.0f} aspect {max(W,H)/min(W,H):.2f}:1 area/topic {W*H/n:.0f}")


def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - start


def main():
    outline, prereqs = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp()
    for direction in ["down", "right"]:
        out = os.path.join(tmp, f"{direction}.json")
        t = timed([BIN, "render", outline, "-p", prereqs, "-l", "layered", "--direction", direction, "-f", "json", "-o", out])
        print(f"layered {direction}: {t:.3f} s (whole render to JSON)")
        measure(*load_ours(out))
    gv = os.path.join(tmp, "dot.gv")
    with open(gv, "w") as f:
        f.write(to_dot(json.load(open(os.path.join(tmp, "down.json")))))
    dj = os.path.join(tmp, "dot.json")
    start = time.perf_counter()
    with open(dj, "w") as f:
        subprocess.run(["dot", "-Tjson", gv], stdout=f, check=True)
    print(f"dot: {time.perf_counter() - start:.3f} s")
    measure(*load_dot(dj))


main()
