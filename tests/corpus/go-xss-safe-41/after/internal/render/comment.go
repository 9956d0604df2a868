func renderComment(w io.Writer, c Comment) error {
	body := template.HTML(html.EscapeString(c.Body))
	sep := template.HTML("<br>")
	return commentTmpl.Execute(w, map[string]interface{}{"Author": c.Author, "Body": body, "Sep": sep})
}
