"use client";

import { type FormEvent, useState } from "react";
import { useCreateToken } from "../queries.ts";
import type { CreatedToken } from "../types.ts";

export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const createToken = useCreateToken();
  const [name, setName] = useState("");

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    createToken.mutate(name.trim(), {
      onSuccess: (token) => {
        setName("");
        onCreated(token);
      },
    });
  }

  return (
    <form className="inline-form" onSubmit={handleSubmit}>
      <div className="field">
        <label htmlFor="token-name">Token name</label>
        <input
          id="token-name"
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="e.g. nightly-training"
          maxLength={100}
          required
          aria-describedby={createToken.error ? "token-name-error" : undefined}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={createToken.isPending}>
        Create token
      </button>
      {createToken.error ? (
        <p id="token-name-error" role="alert" className="form-error">
          {createToken.error.message}
        </p>
      ) : null}
    </form>
  );
}
