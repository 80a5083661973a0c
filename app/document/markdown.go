package document

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// md is the one goldmark instance. It is immutable after construction and
// safe for concurrent use; raw HTML stays off (no html.WithUnsafe), so any
// HTML in the source is dropped.
var md = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithParserOptions(
		parser.WithASTTransformers(util.Prioritized(blockTransformer{}, 1000)),
		// The guards come first (goldmark tries lower numbers first) and
		// never parse anything: they only watch the clock.
		parser.WithBlockParsers(util.Prioritized(blockGuard{}, 0)),
		parser.WithInlineParsers(util.Prioritized(guard{}, 0)),
	),
	goldmark.WithRendererOptions(
		// goldmark registers lower priority numbers last, so at 100 our
		// functions override its HTML (1000) and GFM (500) renderers.
		renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)),
	),
)
