"""Quoting a post in a reply, as Markdown the member can trim before posting."""

QUOTE_MAX_LENGTH = 1500


def quote_markdown(post) -> str:
    """`post` as a Markdown block quote with who wrote it, ready to reply under.

    Long posts are cut (the reply has a length limit too); a quote inside the
    quoted post nests one level deeper, as Markdown does."""
    body = post.body
    if len(body) > QUOTE_MAX_LENGTH:
        body = body[:QUOTE_MAX_LENGTH].rsplit(None, 1)[0] + " …"
    name = post.author.full_name or "A member"
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in body.splitlines())
    return f"> **{name}** wrote:\n>\n{quoted}\n\n"
