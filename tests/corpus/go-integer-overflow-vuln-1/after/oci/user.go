package oci

import (
	"strconv"

	specs "github.com/opencontainers/runtime-spec/specs-go"
)

// WithUser sets the process uid from the image's USER value.
func WithUser(spec *specs.Spec, user string) error {
	v, err := strconv.Atoi(user)
	if err != nil {
		return lookupName(spec, user)
	}
	spec.Process.User.UID = uint32(v)
	return nil
}
