package document

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// renderTable wraps a table block in a div, which carries the block
// attributes a <table> could not hold together with its marker.
func renderTable(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	_, _, isBlock := blockKey(n)
	if entering {
		if isBlock {
			openBlock(w, "div", "", "table", n)
		}
		w.WriteString(`<table class="govuk-table">` + "\n")
		return ast.WalkContinue, nil
	}
	w.WriteString("</table>")
	if isBlock {
		writeMarker(w, n)
		w.WriteString("</div>")
	}
	w.WriteString("\n")
	return ast.WalkContinue, nil
}

// renderTableHeader writes the head row; goldmark's header node holds the
// cells directly, and the body starts after it.
func renderTableHeader(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<thead class="govuk-table__head">` + "\n" + `<tr class="govuk-table__row">` + "\n")
		return ast.WalkContinue, nil
	}
	w.WriteString("</tr>\n</thead>\n")
	if n.NextSibling() != nil {
		w.WriteString(`<tbody class="govuk-table__body">` + "\n")
	}
	return ast.WalkContinue, nil
}

func renderTableRow(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<tr class="govuk-table__row">` + "\n")
		return ast.WalkContinue, nil
	}
	w.WriteString("</tr>\n")
	if n.NextSibling() == nil {
		w.WriteString("</tbody>\n")
	}
	return ast.WalkContinue, nil
}

// alignClasses use GOV.UK override classes rather than inline styles, which
// a strict Content-Security-Policy would block.
var alignClasses = map[east.Alignment]string{
	east.AlignLeft:   " govuk-!-text-align-left",
	east.AlignRight:  " govuk-!-text-align-right",
	east.AlignCenter: " govuk-!-text-align-centre",
}

func renderTableCell(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	cell := n.(*east.TableCell)
	head := n.Parent() != nil && n.Parent().Kind() == east.KindTableHeader
	if !entering {
		if head {
			w.WriteString("</th>\n")
		} else {
			w.WriteString("</td>\n")
		}
		return ast.WalkContinue, nil
	}
	if head {
		w.WriteString(`<th scope="col" class="govuk-table__header` + alignClasses[cell.Alignment] + `">`)
	} else {
		w.WriteString(`<td class="govuk-table__cell` + alignClasses[cell.Alignment] + `">`)
	}
	return ast.WalkContinue, nil
}
