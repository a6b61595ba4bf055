"""Generate the backpropagation site: compute the worked examples, render them to Markdown."""
