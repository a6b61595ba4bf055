"""Reading a page whole in the browser."""


def everything_drawn(expression: str) -> str:
    """A page function that evaluates `expression` with every part of the page drawn. A long
    page leaves the blocks and formulas far from the screen undrawn (extra.css), and innerText
    reads only what is drawn; a reader's browser draws each as it comes near. `expression` may
    be a promise: the page stays drawn until it settles."""
    return f"""async () => {{
        const all = document.createElement('style');
        all.textContent = '* {{ content-visibility: visible !important; }}';
        document.head.append(all);
        try {{ return await ({expression}); }} finally {{ all.remove(); }}
    }}"""
