import React from 'react';

type Props = {
  user: {
    displayName: string;
    avatarUrl: string;
    bio: string;
  };
};

export function ProfileCard({ user }: Props) {
  return (
    <div className="profile-card">
      <img src={user.avatarUrl} alt="" className="avatar" />
      <h3>{user.displayName}</h3>
      <div className="bio" dangerouslySetInnerHTML={{ __html: user.bio }} />
    </div>
  );
}
