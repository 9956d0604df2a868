FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y wget zsh
RUN sh -c "$(wget -qO- https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"
USER 1000
