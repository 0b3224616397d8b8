import { randomBytes } from "node:crypto";
import { text } from "node:stream/consumers";
import { openDatabase } from "@pedigree/db";
import { ROLES, type Role } from "@pedigree/domain";
import { hashPassword } from "@pedigree/domain/server";
import { resolveDatabaseTarget } from "../env.ts";

const MIN_PASSWORD_LENGTH = 12;

/**
 * `pedigree user create --email E --name N --role R < password`: an operator creates an account.
 * The password comes on standard input so that it stays out of the shell history.
 */
export async function createUser(options: {
  email: string;
  name: string;
  role: string;
}): Promise<void> {
  const role = options.role.toUpperCase();
  if (!ROLES.includes(role as Role)) {
    throw new Error(`--role must be one of ${ROLES.join(", ").toLowerCase()}`);
  }
  const password = (await text(process.stdin)).replace(/\r?\n$/, "");
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(
      `the password (on standard input) needs at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  const db = await openDatabase(resolveDatabaseTarget());
  try {
    const user = await db.prisma.user.create({
      data: {
        email: options.email.toLowerCase(),
        name: options.name,
        role: role as Role,
        passwordHash: hashPassword(password, randomBytes(16)),
      },
    });
    console.log(`created ${user.email} (${user.role.toLowerCase()})`);
  } finally {
    await db.close();
  }
}
