package archive

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func Extract(r *zip.Reader, dest string) error {
	for _, f := range r.File {
		if !filepath.IsLocal(f.Name) {
			return fmt.Errorf("archive entry outside the destination: %q", f.Name)
		}
		target := filepath.Join(dest, f.Name)
		if f.FileInfo().IsDir() {
			continue
		}
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		in, err := f.Open()
		if err != nil {
			out.Close()
			return err
		}
		_, err = io.Copy(out, in)
		in.Close()
		out.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
