module github.com/mekiki/mekiki

go 1.26.8

require (
	github.com/emersion/go-message v0.18.2
	github.com/emersion/go-msgauth v0.7.0
	golang.org/x/net v0.62.0
	golang.org/x/text v0.43.0
)

require go.yaml.in/yaml/v3 v3.0.6 // indirect
