package importdoc

import (
	"bytes"
	"testing"
)

const docxStyles = `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:styleId="Kop4"><w:name w:val="heading 4"/></w:style>
<w:style w:styleId="MyHeading"><w:name w:val="My heading"/><w:basedOn w:val="Kop4"/></w:style>
<w:style w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>`

const docxNumbering = `<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`

const docxRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rImg" Type="image" Target="media/photo.JPEG"/>
<Relationship Id="rEmf" Type="image" Target="media/chart.emf"/>
<Relationship Id="rFar" Type="image" Target="http://example.org/x.png" TargetMode="External"/>
</Relationships>`

func drawing(rel, descr string) string {
	return `<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="` + descr + `"/><a:graphic><a:graphicData><a:blip r:embed="` + rel + `"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
}

func para(style, inner string) string {
	if style != "" {
		style = `<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`
	}
	return `<w:p>` + style + inner + `</w:p>`
}

func text(s string) string { return `<w:r><w:t xml:space="preserve">` + s + `</w:t></w:r>` }

func TestConvertDOCXDetails(t *testing.T) {
	body := para("Kop4", text("Fourth level")) +
		para("MyHeading", text("Based on a heading")) +
		para("", `<w:r><w:rPr><w:b/><w:i/></w:rPr><w:t>both</w:t></w:r>`+text(" and ")+`<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>strong</w:t></w:r>`+`<w:del><w:r><w:delText>gone</w:delText></w:r></w:del>`) +
		para("", text("1. Not a list &amp; # not a heading")) +
		para("", text("Question (choose any): Which days suit you?")) +
		para("ListBullet", text("Monday")) + para("ListBullet", text("Tuesday")) +
		para("", drawing("rImg", "")+drawing("rImg", "Again")+drawing("rEmf", "A chart")+drawing("rFar", "Far away"))
	doc := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>` + body + `</w:body></w:document>`
	z := zipOf(t, map[string]string{"word/document.xml": doc, "word/styles.xml": docxStyles,
		"word/numbering.xml": docxNumbering, "word/_rels/document.xml.rels": docxRels,
		"word/media/photo.JPEG": "\xff\xd8jpeg", "word/media/chart.emf": "emf"})
	r, err := Convert(bytes.NewReader(z), int64(len(z)), DOCX, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "#### Fourth level\n\n#### Based on a heading\n\n***both*** and **strong**\n\n" +
		"1\\. Not a list & # not a heading\n\n" +
		"```question\nWhich days suit you?\ntype: many\n- Monday\n- Tuesday\n```\n\n" +
		"![](image1.jpg)![Again](image1.jpg)"
	if r.Markdown != want {
		t.Errorf("Markdown:\n%s\nwant:\n%s", r.Markdown, want)
	}
	if len(r.Images) != 1 || r.Images[0].Name != "image1.jpg" {
		t.Errorf("images = %+v, want one image1.jpg kept once", r.Images)
	}
	losses := map[string]int{}
	for _, l := range r.Losses {
		losses[l.Code] = l.Count
	}
	if losses[LossImageAlt] != 1 || losses[LossImageFormat] != 2 || losses[LossTrackedChanges] != 1 {
		t.Errorf("losses = %v, want 1 image without alt, 2 images not kept (EMF, linked), 1 tracked change", r.Losses)
	}
}
