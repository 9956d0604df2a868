import React, { useMemo } from 'react';
import DOMPurify from 'dompurify';
import { marked } from 'marked';

type CommentProps = { author: string; body: string; createdAt: string };

export const Comment: React.FC<CommentProps> = ({ author, body, createdAt }) => {
  const html = useMemo(
    () => DOMPurify.sanitize(marked.parse(body, { async: false }) as string),
    [body],
  );
  return (
    <article className="comment">
      <header>
        <strong>{author}</strong> <time dateTime={createdAt}>{createdAt}</time>
      </header>
      <section dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
};
