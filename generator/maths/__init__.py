"""Numbers in, numbers out: the network, its forward and backward pass, the formulas that
compute every quantity (as data), and the checks built on them. Nothing here formats text for a
page or imports from `generator.content`."""
