import React from 'react';
import { formatDistanceToNow } from 'date-fns';

interface Props {
  comment: { id: string; author: string; body: string; createdAt: string };
}

export function CommentItem({ comment }: Props) {
  return (
    <li className="comment">
      <strong>{comment.author}</strong>
      <time>{formatDistanceToNow(new Date(comment.createdAt))} ago</time>
      <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.body }} />
    </li>
  );
}
