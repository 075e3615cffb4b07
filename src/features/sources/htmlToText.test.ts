// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { htmlToText, neutralizeEventHandlers } from './htmlToText';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

afterEach(() => {
  delete window.__pwned;
});

describe('htmlToText', () => {
  it('takes the title and the readable text, blocks as line breaks', () => {
    const { title, text } = htmlToText(`<!doctype html><html><head><title>  A  page </title>
      <style>p { color: red }</style></head>
      <body><h1>Heading</h1><p>First   paragraph
      spans lines.</p><div>A div</div><ul><li>one</li><li>two</li></ul><p>Line<br>break</p></body></html>`);
    expect(title).toBe('A page');
    expect(text).toBe('Heading\n\nFirst paragraph spans lines.\n\nA div\n\none\ntwo\n\nLine\nbreak');
  });

  it('drops scripts, styles, noscript, templates, frames and svg', () => {
    const { text } = htmlToText(`<body><p>Keep</p><script>var secret = 1;</script><style>.x{}</style>
      <noscript>enable js</noscript><template><p>tpl</p></template><iframe src="https://example.com">frame</iframe>
      <svg><text>vector</text></svg><p>this</p></body>`);
    expect(text).toBe('Keep\n\nthis');
  });

  it('decodes entities through the parser', () => {
    expect(htmlToText('<p>Tom &amp; Jerry &lt;3 &quot;caf&eacute;&quot; &#8212; &#x1F600;</p>').text).toBe(
      'Tom & Jerry <3 "café" — 😀',
    );
  });

  it('runs no script and fires no handler', async () => {
    const { text } = htmlToText(`<body><script>window.__pwned = 'script'</script>
      <img src="x" onerror="window.__pwned = 'img'" alt="picture"><p onclick="window.__pwned='click'">Safe text</p>
      <svg onload="window.__pwned='svg'"></svg></body>`);
    await new Promise((r) => setTimeout(r, 20));
    expect(window.__pwned).toBeUndefined();
    expect(text).toBe('picture\n\nSafe text');
  });

  it('keeps the line breaks of <pre>', () => {
    expect(htmlToText('<pre>a\n  b\nc</pre>').text).toBe('a\nb\nc');
  });

  it('falls back to the first h1 for the title', () => {
    expect(htmlToText('<h1>The <em>big</em> story</h1><p>x</p>').title).toBe('The big story');
  });
});

describe('hostile HTML', () => {
  it('leaves out text the page hides from its reader', () => {
    const { text } = htmlToText(`<html><head><style>.sr { display: none } p.ghost { visibility: hidden }</style></head><body>
      <p>Seen</p><p hidden>hidden attribute</p><p style="display:none">display none</p>
      <div style="font-size:0">zero font</div><div style="width:0;height:0;overflow:hidden">zero size</div>
      <span class="sr">by class</span><p class="ghost">invisible</p><p style="opacity:0">transparent</p><p>Also seen</p></body></html>`);
    expect(text).toBe('Seen\n\nAlso seen');
  });

  it('reads markup that once backtracked for seconds in one pass', () => {
    // 6 KB froze the page for 20 s, growing with the cube of the size; 600 KB must be nothing.
    const html = '<p>hello</p>' + '<a"'.repeat(200_000);
    expect(neutralizeEventHandlers(html)).toBe(html);
    expect(htmlToText(html).text).toBe('hello');
    const open = '<p>x</p>' + '<b on'.repeat(100_000) + ' ="'.repeat(100_000);
    expect(neutralizeEventHandlers(open).length).toBeGreaterThan(open.length);
    expect(() => htmlToText('<!--' + '<'.repeat(300_000))).not.toThrow();
  });

  it('does not treat text inside a title or a script as tags', () => {
    expect(neutralizeEventHandlers('<title><img onerror=x></title><img onerror=y>')).toBe('<title><img onerror=x></title><img data-inert-onerror=y>');
    expect(neutralizeEventHandlers('<script>if (a<b && c) x("<p onclick=1>")</script><p onclick=2>')).toBe(
      '<script>if (a<b && c) x("<p onclick=1>")</script><p data-inert-onclick=2>',
    );
  });
});

describe('neutralizeEventHandlers', () => {
  it('renames on… attributes in tags, not in quoted values or text', () => {
    expect(neutralizeEventHandlers(`<img src="x"onerror="a()" alt="turn on=off" ONLOAD=b()>`)).toBe(
      `<img src="x"data-inert-onerror="a()" alt="turn on=off" data-inert-ONLOAD=b()>`,
    );
    expect(neutralizeEventHandlers('<p>Lights on=bright, <b title=on>x</b></p>')).toBe('<p>Lights on=bright, <b title=on>x</b></p>');
    expect(neutralizeEventHandlers('<svg/onload=x()>')).toBe('<svg/data-inert-onload=x()>');
  });
  it('leaves no handler attribute in the parsed document', () => {
    const html = `<body><img src=x onerror="window.__pwned=1"><a href="#" onclick='x()' onmouseover=y()>a</a><svg><g onload="z()"/></svg></body>`;
    const doc = new DOMParser().parseFromString(neutralizeEventHandlers(html), 'text/html');
    const handlers = [...doc.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => /^on/i.test(n));
    expect(handlers).toEqual([]);
  });
});
