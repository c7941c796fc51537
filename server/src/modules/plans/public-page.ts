import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { planUnit } from './access';
import { suggestionDrafts } from './plans.schema';

/**
 * The public call for suggestions (公开征求意见) as a web page: no account, no captcha, Chinese
 * first (`?lang=en` for English), one column for phones. The page is plain server-rendered HTML
 * (escaped) plus one small script from our own origin (the CSP allows no inline script); the
 * script posts to the rate-limited public API, so the page adds no new way to write.
 */
const TEXT = {
  zh: {
    lang: 'zh-CN', other: 'English', otherHref: '?lang=en', call: '公开征求意见', intro: '欢迎您对本规划提出意见建议。无需注册登录;提交后由规划编制单位逐条研究,并说明采纳情况。',
    content: '您的意见建议', contentHint: '必填,2–2000 字', author: '您的称呼', authorHint: '选填', submit: '提交意见',
    ok: '提交成功,感谢您的意见!', short: '请至少填写 2 个字', rate: '提交过于频繁,请一分钟后再试', fail: '提交失败,请稍后再试',
    closed: '本次意见征集已结束,感谢您的关注。', invalid: '链接无效,请向发布单位核实。', site: '管家 · 机关事务管理',
  },
  en: {
    lang: 'en', other: '中文', otherHref: '?', call: 'Public call for suggestions', intro: 'Your suggestions on this plan are welcome. No account needed; the drafting office studies each one and says whether it was adopted.',
    content: 'Your suggestion', contentHint: 'required, 2–2000 characters', author: 'Your name', authorHint: 'optional', submit: 'Send',
    ok: 'Sent. Thank you for your suggestion!', short: 'Please write at least 2 characters', rate: 'Too many submissions; please try again in a minute', fail: 'Could not send; please try again later',
    closed: 'This call for suggestions is closed. Thank you for your interest.', invalid: 'This link is not valid; please check with the office that published it.', site: 'Guanjia · Government affairs administration',
  },
};
type Text = (typeof TEXT)['zh'];

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f1f1f;background:#f5f7fa}
main{max-width:640px;margin:0 auto;padding:16px}header{display:flex;justify-content:space-between;align-items:center;color:#666;font-size:14px;margin-bottom:12px}
header a{color:#1668dc}.card{background:#fff;border-radius:8px;padding:20px 16px;box-shadow:0 1px 3px rgba(0,0,0,.08)}h1{font-size:20px;margin:0 0 4px}
.plan{color:#666;margin:0 0 12px}label{display:block;font-weight:600;margin:16px 0 6px}label small{font-weight:400;color:#888}
textarea,input{width:100%;font:inherit;padding:10px;border:1px solid #d9d9d9;border-radius:6px}textarea{min-height:160px;resize:vertical}
button{margin-top:16px;width:100%;padding:12px;font:inherit;font-weight:600;color:#fff;background:#1668dc;border:0;border-radius:6px}button:disabled{opacity:.6}
.msg{margin-top:16px;padding:12px;border-radius:6px;background:#f6ffed;border:1px solid #b7eb8f}.msg.err{background:#fff2f0;border-color:#ffccc7}.msg:empty{display:none}
.closed{padding:16px;border-radius:6px;background:#fafafa;border:1px solid #e5e5e5}`;

function page(x: Text, body: string, data = ''): string {
  return `<!doctype html><html lang="${x.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(x.call)}</title><style>${CSS}</style><script src="/p/suggest.js" defer></script></head>
<body${data}><main><header><span>${esc(x.site)}</span><a href="${x.otherHref}">${x.other}</a></header><div class="card">${body}</div></main></body></html>`;
}

const SCRIPT = `(function(){var f=document.getElementById('suggest-form');if(!f)return;var d=document.body.dataset,m=document.getElementById('msg'),b=f.querySelector('button');
function show(t,err){m.textContent=t;m.className=err?'msg err':'msg'}
f.addEventListener('submit',function(e){e.preventDefault();var c=f.elements.content.value.trim(),a=f.elements.author.value.trim();
if(c.length<2){show(d.short,true);return}b.disabled=true;show('',false);
fetch('/api/public/plans/drafts/'+encodeURIComponent(d.token)+'/suggestions',{method:'POST',credentials:'omit',headers:{'content-type':'application/json','accept-language':d.lang},body:JSON.stringify(a?{author:a,content:c}:{content:c})})
.then(function(r){if(r.ok){f.reset();show(d.ok,false)}else if(r.status===429){show(d.rate,true)}else if(r.status===409||r.status===404){f.remove();show(d.closed,true)}else{show(d.fail,true)}})
.catch(function(){show(d.fail,true)}).then(function(){b.disabled=false})})})();`;

export async function publicPageRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;
  const cfg = { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } };

  r.get('/p/suggest.js', { config: cfg, schema: { hide: true } }, (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SCRIPT));

  r.get('/p/suggest/:token', { config: cfg, schema: { hide: true, params: z.object({ token: z.string().max(60) }), querystring: z.object({ lang: z.string().optional() }) } }, async (req, reply) => {
    const x = req.query.lang === 'en' ? TEXT.en : TEXT.zh;
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    const token = req.params.token;
    const [d] = /^[A-Za-z0-9_-]{16,40}$/.test(token) ? await db.select().from(suggestionDrafts).where(eq(suggestionDrafts.publicToken, token)) : [];
    if (!d) return reply.code(404).send(page(x, `<h1>${esc(x.call)}</h1><p class="closed" data-testid="public-invalid">${esc(x.invalid)}</p>`));
    const planName = (await planUnit(db, d.planId)).name;
    const head = `<h1 data-testid="public-title">${esc(d.title)}</h1><p class="plan">《${esc(planName)}》${esc(x.call)}</p>`;
    if (!d.open) return reply.send(page(x, `${head}<p class="closed" data-testid="public-closed">${esc(x.closed)}</p>`));
    const data = ` data-token="${esc(token)}" data-lang="${x.lang}" data-ok="${esc(x.ok)}" data-short="${esc(x.short)}" data-rate="${esc(x.rate)}" data-fail="${esc(x.fail)}" data-closed="${esc(x.closed)}"`;
    return reply.send(page(x, `${head}<p>${esc(x.intro)}</p>
<form id="suggest-form" novalidate><label for="content">${esc(x.content)} <small>${esc(x.contentHint)}</small></label>
<textarea id="content" name="content" maxlength="2000" required data-testid="public-content"></textarea>
<label for="author">${esc(x.author)} <small>${esc(x.authorHint)}</small></label><input id="author" name="author" maxlength="50" autocomplete="name" data-testid="public-author">
<button type="submit" data-testid="public-submit">${esc(x.submit)}</button></form><div id="msg" class="msg" role="status" aria-live="polite" data-testid="public-msg"></div>`, data));
  });
}
