export const stripePublishableKey = "pk_live_51Hh2ZrLkdIwHu7ixAbCdEfGh";
export const stripeTestKey = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
export const githubTokenHelp = "Paste a token that starts with ghp_ here";
