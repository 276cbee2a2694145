import sys,re,subprocess
MIR={'dpdk':'/work/.mirror/DPDK+dpdk/repo','zfs':'/work/.mirror/openzfs+zfs/repo'}
def git(repo,*a):
    r=subprocess.run(['git','--git-dir',MIR[repo]]+list(a),capture_output=True,text=True,errors='replace')
    return r.returncode,r.stdout
def func_range(text,name):
    lines=text.split('\n')
    pat=re.compile(r'^(?:[A-Za-z_][\w\s\*]*?[\s\*])?'+re.escape(name)+r'\s*\(')
    for i,l in enumerate(lines):
        if pat.match(l) and not l.rstrip().endswith(';'):
            # find opening brace
            j=i
            while j<len(lines) and '{' not in lines[j]:
                if lines[j].rstrip().endswith(';'): break
                j+=1
            if j>=len(lines) or '{' not in lines[j]: continue
            k=j+1
            while k<len(lines) and not lines[k].startswith('}'): k+=1
            return i+1,k+1,'\n'.join(lines[i:k+1])
    return None
out=[]
for line in list(open(sys.argv[1]))[1:]:
    f=line.rstrip('\n').split('\t')
    if not f: continue
    repo,h,path,fn,prim,kind,direct=f[:7]
    full=h
    ok=[]
    rc1,new=git(repo,'show',f'{full}:{path}'); rc2,old=git(repo,'show',f'{full}^:{path}')
    if rc1 or rc2: print('NOFILE',repo,h,path); continue
    rn=func_range(new,fn); ro=func_range(old,fn)
    if not rn or not ro: print('NOFUNC',repo,h,path,fn,bool(ro),bool(rn)); continue
    _,diff=git(repo,'diff','-U0',full+'^',full,'--',path)
    hit=False
    for m in re.finditer(r'^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@',diff,re.M):
        os_,ol=int(m.group(1)),int(m.group(2) or 1); ns,nl=int(m.group(3)),int(m.group(4) or 1)
        if (os_<=ro[1] and os_+max(ol,1)-1>=ro[0]) or (ns<=rn[1] and ns+max(nl,1)-1>=rn[0]): hit=True
    base=prim.split('->')[-1].split('.')[-1]
    pin = base in ro[2] or base in rn[2]
    print('OK' if hit and pin else 'WARN', repo, full, path, fn, 'hunk_in_func=%s prim_in_func=%s'%(hit,pin))
