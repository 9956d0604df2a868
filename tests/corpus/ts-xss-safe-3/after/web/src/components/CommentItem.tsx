import React, { useMemo } from 'react';
import DOMPurify from 'dompurify';

interface Props {
  comment: { id: string; author: string; body: string };
}

export function CommentItem({ comment }: Props) {
  const safeBody = useMemo(() => DOMPurify.sanitize(comment.body), [comment.body]);
  return (
    <li className="comment">
      <strong>{comment.author}</strong>
      <div className="comment-body" dangerouslySetInnerHTML={{ __html: safeBody }} />
    </li>
  );
}
