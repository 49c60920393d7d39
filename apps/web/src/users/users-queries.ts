import { useQuery } from '@tanstack/react-query';
import { fetchUsers } from '../api/users-endpoints.ts';

export const usersKey = ['users'] as const;

export const useUsers = () =>
  useQuery({ queryKey: usersKey, queryFn: ({ signal }) => fetchUsers(signal) });
