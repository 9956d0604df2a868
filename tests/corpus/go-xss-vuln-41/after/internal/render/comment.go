func renderComment(w io.Writer, c Comment) error {
	body := template.HTML(c.Body)
	return commentTmpl.Execute(w, map[string]interface{}{"Author": c.Author, "Body": body})
}
